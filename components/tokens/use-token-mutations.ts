"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { portfoliosQuery } from "@/components/common/use-portfolios";
import { apiFetch } from "@/lib/api-client";
import type { MintTokenRequest, UpdateTokenRequest } from "@/lib/schemas/token";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { removeToken } from "./token-removal";

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

/** Replaces a token's boundaries at the gateway; the lists (and /tokens) reload with them. */
export function useChangeBoundaries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId, tokenId, boundaries }: { portfolioId: string; tokenId: string; boundaries: TokenBoundaries }) =>
      apiFetch("PUT /api/portfolios/:portfolioId/tokens/:tokenId/boundaries", { params: { portfolioId, tokenId }, body: { boundaries } }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
        queryClient.invalidateQueries({ queryKey: ["token-usage"] }),
      ]),
  });
}

/**
 * Optimistic: the token leaves every ["portfolios", …] cache at once (the full list,
 * /portfolios' pages, the expiry banner) and comes back if eToro says no.
 */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ portfolioId, tokenId }: { portfolioId: string; tokenId: string }) =>
      apiFetch("DELETE /api/portfolios/:portfolioId/tokens/:tokenId", { params: { portfolioId, tokenId } }),
    onMutate: async (target) => {
      await queryClient.cancelQueries({ queryKey: portfoliosQuery.queryKey });
      const putBacks: { queryKey: QueryKey; putBack: (current: unknown) => unknown }[] = [];
      for (const [queryKey, data] of queryClient.getQueriesData({ queryKey: portfoliosQuery.queryKey })) {
        const removal = removeToken(data, target);
        if (!removal) continue;
        queryClient.setQueryData(queryKey, removal.next);
        putBacks.push({ queryKey, putBack: removal.putBack });
      }
      return { putBacks };
    },
    // Put back only this token, into each cache as it is now: another revoke may be under way too.
    onError: (_error, _target, context) => {
      for (const { queryKey, putBack } of context?.putBacks ?? []) {
        queryClient.setQueryData(queryKey, (current: unknown) => (current === undefined ? current : putBack(current)));
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: portfoliosQuery.queryKey }),
  });
}
