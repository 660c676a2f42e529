"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { CreatePortfolioRequest } from "@/lib/schemas/portfolio";
import { portfoliosQuery } from "@/components/common/use-portfolios";

export type { CreatePortfolioResult } from "@/lib/bff/contract";

/*
 * A portfolio's own mutations; a token's live in components/tokens/use-token-mutations.ts.
 * Create returns the first token's secret and keeps no trace of it: gcTime 0
 * drops the finished mutation from TanStack's cache at once, and callers hand
 * the secret to the copy-once dialog and call reset().
 */

export function useCreatePortfolio() {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (input: CreatePortfolioRequest) => apiFetch("POST /api/portfolios", { body: input }),
    // Not awaited: the secret must reach the copy-once dialog now, not after the list reloads.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

export function useDeletePortfolio() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId }: { portfolioId: string }) => apiFetch("DELETE /api/portfolios/:portfolioId", { params: { portfolioId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}
