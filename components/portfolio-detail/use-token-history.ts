"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

/** What the ledger remembers of a portfolio's tokens, revoked ones included. */
export const tokenHistoryQuery = (portfolioId: string) =>
  queryOptions({
    queryKey: ["audit", "token-history", portfolioId] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/portfolios/:portfolioId/history", { params: { portfolioId }, signal }),
  });

export function useTokenHistory(portfolioId: string, enabled = true) {
  return useQuery({ ...tokenHistoryQuery(portfolioId), enabled });
}
