"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { MintedTokenView, PortfolioList, PortfolioView } from "@/lib/domain/types";
import type { CreatePortfolioRequest } from "@/lib/schemas/portfolio";
import type { MintTokenRequest, UpdateTokenRequest } from "@/lib/schemas/token";
import { portfoliosQuery } from "./use-portfolios";

export type CreatePortfolioResult = {
  portfolio: Omit<PortfolioView, "userTokens" | "createdAt">;
  /** The first token with its secret (201), or null when eToro made the portfolio only (207). */
  token: MintedTokenView | null;
  message?: string;
};

/*
 * Mutations that return a secret keep no trace of it: gcTime 0 drops the
 * finished mutation from TanStack's cache at once, and callers hand the
 * secret to the copy-once dialog and call reset().
 */

export function useCreatePortfolio() {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (input: CreatePortfolioRequest) =>
      apiFetch<CreatePortfolioResult>("/api/portfolios", { method: "POST", body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

export function useMintToken() {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: ({ portfolioId, input }: { portfolioId: string; input: MintTokenRequest }) =>
      apiFetch<{ token: MintedTokenView }>(`/api/portfolios/${portfolioId}/tokens`, { method: "POST", body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

export function useUpdateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId, tokenId, changes }: { portfolioId: string; tokenId: string; changes: UpdateTokenRequest }) =>
      apiFetch<void>(`/api/portfolios/${portfolioId}/tokens/${tokenId}`, { method: "PATCH", body: changes }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

/** Optimistic: the token leaves the list at once and comes back if eToro says no. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId, tokenId }: { portfolioId: string; tokenId: string }) =>
      apiFetch<void>(`/api/portfolios/${portfolioId}/tokens/${tokenId}`, { method: "DELETE" }),
    onMutate: async ({ portfolioId, tokenId }) => {
      await queryClient.cancelQueries({ queryKey: portfoliosQuery.queryKey });
      const previous = queryClient.getQueryData<PortfolioList>(portfoliosQuery.queryKey);
      if (previous) {
        queryClient.setQueryData<PortfolioList>(portfoliosQuery.queryKey, {
          ...previous,
          agentPortfolios: previous.agentPortfolios.map((p) =>
            p.agentPortfolioId === portfolioId ? { ...p, userTokens: p.userTokens.filter((t) => t.userTokenId !== tokenId) } : p,
          ),
        });
      }
      return { previous };
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(portfoliosQuery.queryKey, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

export function useDeletePortfolio() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId }: { portfolioId: string }) =>
      apiFetch<void>(`/api/portfolios/${portfolioId}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}
