"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { ApprovalListFilter } from "@/lib/approvals/types";

/** A person should see an order waiting within seconds; polling stops while the tab is hidden (TanStack's default). */
export const APPROVALS_POLL_MS = 4_000;

export const approvalsQuery = (filter: ApprovalListFilter) =>
  queryOptions({
    queryKey: ["approvals", filter] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/approvals", { signal, query: `status=${filter}` }),
    refetchInterval: APPROVALS_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 2_000,
  });

/** The header's badge: how many wait. */
export function usePendingCount() {
  return useQuery({ ...approvalsQuery("pending"), select: (list) => list.pendingCount });
}

/** The /approvals page: pending first, then the decided ones. */
export function useApprovals() {
  return useQuery(approvalsQuery("all"));
}

export type DecideVariables = { id: string; decision: "approve" } | { id: string; decision: "deny"; reason: string };

/** Approve or Deny; every approvals read (badge and page) reloads afterwards, whatever the answer. */
export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: DecideVariables) =>
      v.decision === "approve"
        ? apiFetch("POST /api/approvals/:approvalId/approve", { params: { approvalId: v.id }, body: {} })
        : apiFetch("POST /api/approvals/:approvalId/deny", { params: { approvalId: v.id }, body: { reason: v.reason } }),
    onSettled: () => client.invalidateQueries({ queryKey: ["approvals"] }),
  });
}
