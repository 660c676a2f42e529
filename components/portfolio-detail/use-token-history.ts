"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { TokenHistory } from "@/lib/ledger/token-history";

/** What the ledger remembers of a portfolio's tokens, revoked ones included. */
export const tokenHistoryQuery = (portfolioId: string) =>
  queryOptions({
    queryKey: ["audit", "token-history", portfolioId] as const,
    queryFn: ({ signal }) => apiFetch<{ tokens: TokenHistory[] }>(`/api/portfolios/${encodeURIComponent(portfolioId)}/history`, { signal }),
  });

export function useTokenHistory(portfolioId: string, enabled = true) {
  return useQuery({ ...tokenHistoryQuery(portfolioId), enabled });
}
