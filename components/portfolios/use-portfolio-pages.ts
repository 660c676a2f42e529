"use client";

import { infiniteQueryOptions, keepPreviousData, replaceEqualDeep, useInfiniteQuery, type InfiniteData } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { FIRST_PORTFOLIO_PAGE } from "@/lib/domain/search-portfolios";
import type { PortfolioMatchView, PortfolioPage } from "@/lib/domain/types";
import { portfoliosQuery } from "@/components/common/use-portfolios";

/** The first page fills a screen or two; "Show more" fetches the next ones in bigger steps. */
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
        query: new URLSearchParams({ q, offset: String(pageParam), limit: String(pageParam === 0 ? FIRST_PORTFOLIO_PAGE : NEXT_PAGE) }).toString(),
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.offset + last.limit < last.matchedPortfolios ? last.offset + last.limit : undefined),
    structuralSharing: keepUnchangedMatches,
  });

/**
 * The last match seen for each portfolio, across searches: a card whose match is
 * unchanged by the next keystroke's search keeps the same object, so its memo
 * holds and it does not render again. Structural sharing alone works within one
 * query, and each search is its own query.
 */
const lastMatches = new Map<string, PortfolioMatchView>();
const LAST_MATCHES_KEPT = 2_000;

function keepUnchangedMatches(oldData: unknown, newData: unknown): unknown {
  const data = replaceEqualDeep(oldData, newData) as InfiniteData<PortfolioPage> | undefined;
  if (!data?.pages) return data;
  if (lastMatches.size > LAST_MATCHES_KEPT) lastMatches.clear();
  const pages = data.pages.map((page) => {
    const matches = page.matches.map((match) => {
      const kept = replaceEqualDeep(lastMatches.get(match.portfolio.agentPortfolioId), match);
      lastMatches.set(match.portfolio.agentPortfolioId, kept);
      return kept;
    });
    return matches.every((m, i) => m === page.matches[i]) ? page : { ...page, matches };
  });
  return pages.every((p, i) => p === data.pages[i]) ? data : { ...data, pages };
}

/**
 * While a new search loads, the previous results stay on screen instead of a skeleton.
 * `initial`: the first page (no search) the HTML came with, if any.
 */
export function usePortfolioPages(q: string, initial: PortfolioPage | null) {
  return useInfiniteQuery({
    ...portfolioPagesQuery(q),
    initialData: q === "" && initial ? { pages: [initial], pageParams: [0] } : undefined,
    placeholderData: keepPreviousData,
  });
}
