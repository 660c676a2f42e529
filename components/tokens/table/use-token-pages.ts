"use client";

import { keepPreviousData, queryOptions, useQueries, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { DEFAULT_SORT, NO_FILTERS, PAGE_ROWS, tokenQueryString, type TokenPage, type TokenRowView } from "@/lib/domain/token-table";

// Under "portfolios": the token mutations and a finished job invalidate that prefix, so the table reloads with the list.
const KEY = ["portfolios", "tokens"] as const;

const windowOf = (query: string, offset: number, limit: number) => [query, `offset=${offset}`, `limit=${limit}`].filter(Boolean).join("&");

/** Window `page` (PAGE_ROWS rows) of the table under `query` (tokenQueryString). */
export function tokenPageQuery(query: string, page: number) {
  return queryOptions({
    queryKey: [...KEY, query, page] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/tokens", { signal, query: windowOf(query, page * PAGE_ROWS, PAGE_ROWS) }),
  });
}

/** Every id matching `query`: fetched only for "select all" and while something is selected. */
export function matchingIdsQuery(query: string) {
  return queryOptions({
    queryKey: [...KEY, query, "ids"] as const,
    queryFn: async ({ signal }) => (await apiFetch("GET /api/tokens", { signal, query: `${windowOf(query, 0, 0)}&ids=1` })).ids ?? [],
  });
}

const UNFILTERED = tokenQueryString(NO_FILTERS, DEFAULT_SORT);

/**
 * The table's data: the first window (kept on screen while the next query loads, so
 * a keystroke never blanks the table) and the windows the visible rows fall in.
 * `initial` is the unfiltered first window the page was sent with, if any.
 */
export function useTokenPages(query: string, visible: { first: number; last: number }, initial: TokenPage | null) {
  const head = useQuery({
    ...tokenPageQuery(query, 0),
    initialData: query === UNFILTERED && initial ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const matched = head.data?.matched ?? 0;
  const pages: number[] = [];
  // Later windows only once the first one answers for this very query (not a kept one).
  if (head.data && !head.isPlaceholderData) {
    const lastPage = Math.floor(Math.min(visible.last, matched - 1) / PAGE_ROWS);
    for (let p = Math.max(1, Math.floor(visible.first / PAGE_ROWS)); p <= lastPage; p++) pages.push(p);
  }
  const rest = useQueries({ queries: pages.map((p) => tokenPageQuery(query, p)) });
  const loaded = new Map<number, TokenPage>();
  if (head.data) loaded.set(0, head.data);
  pages.forEach((p, i) => {
    const data = rest[i].data;
    if (data) loaded.set(p, data);
  });
  const rowAt = (index: number): TokenRowView | undefined => loaded.get(Math.floor(index / PAGE_ROWS))?.rows[index % PAGE_ROWS];
  return { head, rowAt };
}
