import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { expiryAttention, type ExpiryItem } from "@/lib/domain/expiry";
import { normaliseQuery, searchIndexOf, searchPortfolios, type SearchIndex, type SearchResult } from "@/lib/domain/search-portfolios";
import type { ExpiryItemView, ExpirySummary, PortfolioList, PortfolioPage } from "@/lib/domain/types";
import type { AccountView } from "./account-view";
import { parseQueryString, wholeNumber } from "@/lib/schemas/query-string";
import { validationError } from "../http/read-json";

/** Portfolios per page unless asked otherwise, and the most one page may hold. */
export const PAGE_LIMIT_DEFAULT = 25;
export const PAGE_LIMIT_MAX = 100;
/**
 * Items of each kind the expiry banner names; the rest it counts ("…and 95 more").
 * A banner, not a list: it must not push the portfolios off the screen (/tokens
 * filters the full set).
 */
export const EXPIRY_ITEMS_MAX = 5;

/** The query string of GET /api/portfolios/page. Values arrive as strings; anything else is a 400 naming the parameter. */
export const portfolioPageQuerySchema = z.object({
  q: z.string().max(200, "Search for at most 200 characters.").default(""),
  offset: wholeNumber(1_000_000).default(0),
  limit: wholeNumber(PAGE_LIMIT_MAX)
    .refine((n) => n >= 1, "Ask for at least 1 portfolio.")
    .default(PAGE_LIMIT_DEFAULT),
});

export type PortfolioPageQuery = z.output<typeof portfolioPageQuerySchema>;

export function portfolioPageQuery(req: NextRequest): PortfolioPageQuery {
  try {
    return parseQueryString(req.nextUrl.searchParams, portfolioPageQuerySchema);
  } catch (e) {
    throw e instanceof z.ZodError ? validationError(e) : e;
  }
}

/**
 * What pages of one account view share: its search index, its totals, its expiry
 * summary and its recent searches. Kept per view (a WeakMap), so it is built at most
 * once per upstream list load and dies with the view.
 */
type Derived = {
  index: SearchIndex;
  totals: PortfolioPage["totals"];
  searches: Map<string, SearchResult>;
  expiry?: ExpirySummary;
};

/** Distinct searches kept per view: a person typing makes one per keystroke. */
const SEARCHES_KEPT = 64;

const derivedByView = new WeakMap<AccountView, Derived>();

function derivedOf(view: AccountView): Derived {
  let derived = derivedByView.get(view);
  if (!derived) {
    const all = view.list.agentPortfolios;
    derived = {
      index: searchIndexOf(all),
      totals: { portfolios: all.length, tokens: all.reduce((n, p) => n + p.userTokens.length, 0) },
      searches: new Map(),
    };
    derivedByView.set(view, derived);
  }
  return derived;
}

function searchOf(list: PortfolioList, derived: Derived, q: string): SearchResult {
  const key = normaliseQuery(q);
  let result = derived.searches.get(key);
  if (!result) {
    result = searchPortfolios(list.agentPortfolios, key, derived.index);
    if (derived.searches.size >= SEARCHES_KEPT) derived.searches.delete(derived.searches.keys().next().value!);
    derived.searches.set(key, result);
  }
  return result;
}

/** One window of the search's matches in the account view, with the counts the page shows. */
export function portfolioPage(view: AccountView, query: PortfolioPageQuery): PortfolioPage {
  const derived = derivedOf(view);
  const q = query.q.trim();
  const result = searchOf(view.list, derived, q);
  const window = result.matches.slice(query.offset, query.offset + query.limit);
  return {
    q,
    offset: query.offset,
    limit: query.limit,
    matches: window.map(({ portfolio, tokens }) => ({
      portfolio,
      shownTokenIds: tokens === portfolio.userTokens ? null : tokens.map((t) => t.userTokenId),
    })),
    matchedPortfolios: result.matches.length,
    matchedTokens: result.tokenCount,
    totals: derived.totals,
    fetchedAt: view.list.fetchedAt,
  };
}

/** The expiry banner's counts and first items, for the account view. */
export function expirySummary(view: AccountView, now = Date.now()): ExpirySummary {
  const derived = derivedOf(view);
  if (!derived.expiry) {
    const { expiring, expired } = expiryAttention(view.list.agentPortfolios, now);
    const item = ({ portfolio, token }: ExpiryItem): ExpiryItemView => ({
      portfolio: { agentPortfolioId: portfolio.agentPortfolioId, agentPortfolioName: portfolio.agentPortfolioName },
      token,
    });
    derived.expiry = {
      expiringCount: expiring.length,
      expiredCount: expired.length,
      expiring: expiring.slice(0, EXPIRY_ITEMS_MAX).map(item),
      expired: expired.slice(0, EXPIRY_ITEMS_MAX).map(item),
    };
  }
  return derived.expiry;
}
