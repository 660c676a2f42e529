import type { InfiniteData } from "@tanstack/react-query";
import type { ExpirySummary, PortfolioList, PortfolioPage, TokenView } from "@/lib/domain/types";

/*
 * A revoke's optimistic removal, for each shape the ["portfolios", …] caches hold:
 * the whole list (detail page, /tokens), /portfolios' pages of search matches, and
 * the expiry banner's summary. `putBack` returns the token to the data as it is
 * then (another revoke may have changed it since), not to a snapshot.
 */

export type TokenRemoval<T> = { next: T; putBack: (current: T) => T };

type Target = { portfolioId: string; tokenId: string };

const without = <T>(items: T[], index: number) => [...items.slice(0, index), ...items.slice(index + 1)];
const inserted = <T>(items: T[], index: number, item: T) => [...items.slice(0, index), item, ...items.slice(index)];

function isList(data: unknown): data is PortfolioList {
  return typeof data === "object" && data !== null && Array.isArray((data as PortfolioList).agentPortfolios);
}

function isPage(data: unknown): data is PortfolioPage {
  return typeof data === "object" && data !== null && Array.isArray((data as PortfolioPage).matches);
}

function isPages(data: unknown): data is InfiniteData<PortfolioPage> {
  return typeof data === "object" && data !== null && Array.isArray((data as InfiniteData<unknown>).pages) && (data as InfiniteData<unknown>).pages.every(isPage);
}

function isExpiry(data: unknown): data is ExpirySummary {
  return typeof data === "object" && data !== null && Array.isArray((data as ExpirySummary).expiring) && Array.isArray((data as ExpirySummary).expired);
}

/** The removal for whatever a ["portfolios", …] cache holds; null when the token is not in it. */
export function removeToken(data: unknown, target: Target): TokenRemoval<unknown> | null {
  if (isList(data)) return removeFromList(data, target) as TokenRemoval<unknown> | null;
  if (isPages(data)) return removeFromPages(data, target) as TokenRemoval<unknown> | null;
  if (isPage(data)) return removeFromPage(data, target) as TokenRemoval<unknown> | null;
  if (isExpiry(data)) return removeFromExpiry(data, target) as TokenRemoval<unknown> | null;
  return null;
}

function mapTokens(list: PortfolioList, portfolioId: string, change: (tokens: TokenView[]) => TokenView[]): PortfolioList {
  return {
    ...list,
    agentPortfolios: list.agentPortfolios.map((p) => (p.agentPortfolioId === portfolioId ? { ...p, userTokens: change(p.userTokens) } : p)),
  };
}

export function removeFromList(list: PortfolioList, { portfolioId, tokenId }: Target): TokenRemoval<PortfolioList> | null {
  const tokens = list.agentPortfolios.find((p) => p.agentPortfolioId === portfolioId)?.userTokens ?? [];
  const index = tokens.findIndex((t) => t.userTokenId === tokenId);
  if (index < 0) return null;
  const token = tokens[index];
  return {
    next: mapTokens(list, portfolioId, (ts) => ts.filter((t) => t.userTokenId !== tokenId)),
    putBack: (current) =>
      isList(current)
        ? mapTokens(current, portfolioId, (ts) => (ts.some((t) => t.userTokenId === tokenId) ? ts : inserted(ts, index, token)))
        : current,
  };
}

/**
 * One page of matches: the token leaves its portfolio (and the shown ids), the
 * counts drop with it, and a card that showed only matching tokens and has none
 * left leaves the page, as a new search would have it.
 */
export function removeFromPage(page: PortfolioPage, { portfolioId, tokenId }: Target): TokenRemoval<PortfolioPage> | null {
  const matchIndex = page.matches.findIndex((m) => m.portfolio.agentPortfolioId === portfolioId);
  if (matchIndex < 0) return null;
  const match = page.matches[matchIndex];
  const tokenIndex = match.portfolio.userTokens.findIndex((t) => t.userTokenId === tokenId);
  if (tokenIndex < 0) return null;
  const token = match.portfolio.userTokens[tokenIndex];
  const shownIndex = match.shownTokenIds?.indexOf(tokenId) ?? -1;
  const wasShown = match.shownTokenIds === null || shownIndex >= 0;
  const shownTokenIds = match.shownTokenIds && shownIndex >= 0 ? without(match.shownTokenIds, shownIndex) : match.shownTokenIds;
  const dropped = shownTokenIds !== null && shownTokenIds.length === 0;
  const next: PortfolioPage = {
    ...page,
    matches: dropped
      ? without(page.matches, matchIndex)
      : page.matches.map((m, i) =>
          i === matchIndex ? { portfolio: { ...m.portfolio, userTokens: without(m.portfolio.userTokens, tokenIndex) }, shownTokenIds } : m,
        ),
    matchedPortfolios: page.matchedPortfolios - (dropped ? 1 : 0),
    matchedTokens: page.matchedTokens - (wasShown ? 1 : 0),
    totals: { ...page.totals, tokens: page.totals.tokens - 1 },
  };
  const putBack = (current: PortfolioPage): PortfolioPage => {
    const at = current.matches.findIndex((m) => m.portfolio.agentPortfolioId === portfolioId);
    const counts = {
      matchedTokens: current.matchedTokens + (wasShown ? 1 : 0),
      totals: { ...current.totals, tokens: current.totals.tokens + 1 },
    };
    if (at < 0) {
      if (!dropped) return current; // the card went for another reason (a reload): nothing to put back into
      return { ...current, ...counts, matchedPortfolios: current.matchedPortfolios + 1, matches: inserted(current.matches, matchIndex, match) };
    }
    const now = current.matches[at];
    if (now.portfolio.userTokens.some((t) => t.userTokenId === tokenId)) return current;
    const shown = now.shownTokenIds && shownIndex >= 0 ? inserted(now.shownTokenIds, shownIndex, tokenId) : now.shownTokenIds;
    return {
      ...current,
      ...counts,
      matches: current.matches.map((m, i) =>
        i === at ? { portfolio: { ...m.portfolio, userTokens: inserted(m.portfolio.userTokens, tokenIndex, token) }, shownTokenIds: shown } : m,
      ),
    };
  };
  return { next, putBack: (current) => (isPage(current) ? putBack(current) : current) };
}

/** /portfolios' loaded pages: the one page holding the portfolio changes. */
export function removeFromPages(data: InfiniteData<PortfolioPage>, target: Target): TokenRemoval<InfiniteData<PortfolioPage>> | null {
  for (let i = 0; i < data.pages.length; i++) {
    const removal = removeFromPage(data.pages[i], target);
    if (!removal) continue;
    return {
      next: { ...data, pages: data.pages.map((p, j) => (j === i ? removal.next : p)) },
      putBack: (current) =>
        isPages(current) && current.pages[i] ? { ...current, pages: current.pages.map((p, j) => (j === i ? removal.putBack(p) : p)) } : current,
    };
  }
  return null;
}

export function removeFromExpiry(summary: ExpirySummary, { portfolioId, tokenId }: Target): TokenRemoval<ExpirySummary> | null {
  for (const kind of ["expiring", "expired"] as const) {
    const index = summary[kind].findIndex((item) => item.portfolio.agentPortfolioId === portfolioId && item.token.userTokenId === tokenId);
    if (index < 0) continue;
    const item = summary[kind][index];
    const countKey = kind === "expiring" ? "expiringCount" : "expiredCount";
    return {
      next: { ...summary, [kind]: without(summary[kind], index), [countKey]: summary[countKey] - 1 },
      putBack: (current) =>
        !isExpiry(current) || current[kind].some((i) => i.token.userTokenId === tokenId)
          ? current
          : { ...current, [kind]: inserted(current[kind], index, item), [countKey]: current[countKey] + 1 },
    };
  }
  return null;
}
