"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { portfoliosQuery } from "@/components/portfolios/use-portfolios";
import { apiFetch } from "@/lib/api-client";
import type { PortfolioList, TokenView } from "@/lib/domain/types";
import type { MintTokenRequest, UpdateTokenRequest } from "@/lib/schemas/token";

/*
 * A token's mutations: mint (also the first half of a roll), update (also a
 * roll's grace period) and revoke. A mint returns a secret and keeps no trace
 * of it: gcTime 0 drops the finished mutation from TanStack's cache at once,
 * and callers hand the secret to the copy-once dialog and call reset().
 */

export function useMintToken() {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: ({ portfolioId, input }: { portfolioId: string; input: MintTokenRequest }) =>
      apiFetch("POST /api/portfolios/:portfolioId/tokens", { params: { portfolioId }, body: input }),
    // Not awaited: the secret must reach the copy-once dialog now, not after the list reloads.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

export function useUpdateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId, tokenId, changes }: { portfolioId: string; tokenId: string; changes: UpdateTokenRequest }) =>
      apiFetch("PATCH /api/portfolios/:portfolioId/tokens/:tokenId", { params: { portfolioId, tokenId }, body: changes }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

/** Optimistic: the token leaves the list at once and comes back if eToro says no. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId, tokenId }: { portfolioId: string; tokenId: string }) =>
      apiFetch("DELETE /api/portfolios/:portfolioId/tokens/:tokenId", { params: { portfolioId, tokenId } }),
    onMutate: async ({ portfolioId, tokenId }) => {
      await queryClient.cancelQueries({ queryKey: portfoliosQuery.queryKey });
      const list = queryClient.getQueryData<PortfolioList>(portfoliosQuery.queryKey);
      const tokens = list?.agentPortfolios.find((p) => p.agentPortfolioId === portfolioId)?.userTokens ?? [];
      const index = tokens.findIndex((t) => t.userTokenId === tokenId);
      if (list && index >= 0) {
        queryClient.setQueryData<PortfolioList>(
          portfoliosQuery.queryKey,
          mapTokens(list, portfolioId, (ts) => ts.filter((t) => t.userTokenId !== tokenId)),
        );
      }
      return { removed: index >= 0 ? { token: tokens[index], index } : null };
    },
    // Put back only this token, into the list as it is now: another revoke may be under way too.
    onError: (_error, { portfolioId }, context) => {
      const removed = context?.removed;
      const list = queryClient.getQueryData<PortfolioList>(portfoliosQuery.queryKey);
      if (!removed || !list) return;
      queryClient.setQueryData<PortfolioList>(
        portfoliosQuery.queryKey,
        mapTokens(list, portfolioId, (ts) =>
          ts.some((t) => t.userTokenId === removed.token.userTokenId)
            ? ts
            : [...ts.slice(0, removed.index), removed.token, ...ts.slice(removed.index)],
        ),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}

function mapTokens(list: PortfolioList, portfolioId: string, change: (tokens: TokenView[]) => TokenView[]): PortfolioList {
  return {
    ...list,
    agentPortfolios: list.agentPortfolios.map((p) => (p.agentPortfolioId === portfolioId ? { ...p, userTokens: change(p.userTokens) } : p)),
  };
}
