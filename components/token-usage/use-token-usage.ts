"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

/** A token's usage through the gateway; refreshed each minute while the page is open (agents keep calling). */
export const tokenUsageQuery = (tokenId: string) =>
  queryOptions({
    queryKey: ["token-usage", tokenId] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/tokens/:tokenId/usage", { params: { tokenId }, signal }),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

export function useTokenUsage(tokenId: string) {
  return useQuery(tokenUsageQuery(tokenId));
}
