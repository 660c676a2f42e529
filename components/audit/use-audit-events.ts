"use client";

import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

/** The audit events for a filter (as URL parameters), a keyset page at a time. */
export const auditEventsQuery = (filter: string) =>
  infiniteQueryOptions({
    queryKey: ["audit", "events", filter] as const,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(filter);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch("GET /api/audit", { query: params.toString(), signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useAuditEvents(filter: string) {
  return useInfiniteQuery(auditEventsQuery(filter));
}

export const chainStatusQuery = queryOptions({
  queryKey: ["audit", "chain"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/audit/chain", { signal }),
  staleTime: 30_000,
});

export function useChainStatus() {
  return useQuery(chainStatusQuery);
}
