"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/schemas/webhook";

export const webhooksQuery = queryOptions({
  queryKey: ["webhooks"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/webhooks", { signal }),
  staleTime: 10_000,
});

export function useWebhooks() {
  return useQuery(webhooksQuery);
}

/** An endpoint's recent deliveries: polled every 2 s while one waits to be sent, every 15 s otherwise. */
export function useDeliveries(endpointId: string) {
  return useQuery({
    queryKey: ["webhooks", endpointId, "deliveries"] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/webhooks/:endpointId/deliveries", { params: { endpointId }, signal }),
    refetchInterval: (query) => (query.state.data?.deliveries.some((d) => d.state === "pending") ? 2_000 : 15_000),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return (endpointId?: string) => client.invalidateQueries({ queryKey: endpointId ? ["webhooks", endpointId] : ["webhooks"] });
}

export function useCreateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateWebhookInput) => apiFetch("POST /api/webhooks", { body }),
    onSettled: () => invalidate(),
  });
}

export function useUpdateWebhook(endpointId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: UpdateWebhookInput) => apiFetch("PATCH /api/webhooks/:endpointId", { params: { endpointId }, body }),
    onSettled: () => invalidate(),
  });
}

export function useDeleteWebhook(endpointId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiFetch("DELETE /api/webhooks/:endpointId", { params: { endpointId } }),
    onSettled: () => invalidate(),
  });
}

export function useRollSecret(endpointId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiFetch("POST /api/webhooks/:endpointId/secret", { params: { endpointId }, body: {} }),
    onSettled: () => invalidate(),
  });
}

export function useSendTest(endpointId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiFetch("POST /api/webhooks/:endpointId/test", { params: { endpointId }, body: {} }),
    onSettled: () => invalidate(endpointId),
  });
}

export function useSendAgain(endpointId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (deliveryId: string) => apiFetch("POST /api/webhooks/:endpointId/deliveries/:deliveryId/resend", { params: { endpointId, deliveryId }, body: {} }),
    onSettled: () => invalidate(endpointId),
  });
}
