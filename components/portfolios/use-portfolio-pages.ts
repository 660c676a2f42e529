"use client";

import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { portfoliosQuery } from "./use-portfolios";

/** The first page fills a screen or two; "Show more" fetches the next ones in bigger steps. */
const FIRST_PAGE = 25;
const NEXT_PAGE = 100;

/**
 * /portfolios' search matches, paged by the server (GET /api/portfolios/page). Under
 * the ["portfolios"] key, so a mutation's invalidation of the list refreshes these too.
 */
export const portfolioPagesQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: [...portfoliosQuery.queryKey, "page", q] as const,
    queryFn: ({ pageParam, signal }) =>
      apiFetch("GET /api/portfolios/page", {
        query: new URLSearchParams({ q, offset: String(pageParam), limit: String(pageParam === 0 ? FIRST_PAGE : NEXT_PAGE) }).toString(),
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.offset + last.limit < last.matchedPortfolios ? last.offset + last.limit : undefined),
  });

/** While a new search loads, the previous results stay on screen instead of a skeleton. */
export function usePortfolioPages(q: string) {
  return useInfiniteQuery({ ...portfolioPagesQuery(q), placeholderData: keepPreviousData });
}
