import { portfolioSearchText, tokenSearchText } from "./token-words";
import type { PortfolioView, TokenView } from "./types";

export type PortfolioMatch = {
  /** The portfolio as listed, every token included (actions need them all, e.g. to check a new name). */
  portfolio: PortfolioView;
  /** The tokens to show: all of them when the portfolio itself matched. */
  tokens: TokenView[];
};

/** Portfolios on /portfolios' first page (the HTML and the first read alike); "Show more" adds bigger steps. */
export const FIRST_PORTFOLIO_PAGE = 25;

export type SearchResult = { matches: PortfolioMatch[]; tokenCount: number };

/** The words each card and row shows, lower-cased once, in the list's order: what a search reads. */
export type SearchIndex = { portfolio: string; tokens: string[] }[];

export function searchIndexOf(all: PortfolioView[]): SearchIndex {
  return all.map((p) => ({ portfolio: portfolioSearchText(p), tokens: p.userTokens.map(tokenSearchText) }));
}

/** The query as the search compares it: trimmed, lower-cased, runs of spaces as one. */
export function normaliseQuery(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * The query, as typed, must appear in what the screen shows (case aside): a
 * portfolio's header (name, GCID, description) matches it with all its tokens;
 * otherwise each token is judged on its own row's words ("any IP", "High risk:
 * real money", "Replaces live-trader", a scope's label, an IP…). `index` (from
 * searchIndexOf(all)) spares a server that searches one list many times
 * re-deriving the words.
 */
export function searchPortfolios(all: PortfolioView[], query: string, index?: SearchIndex): SearchResult {
  const q = normaliseQuery(query);
  if (!q) return { matches: all.map((portfolio) => ({ portfolio, tokens: portfolio.userTokens })), tokenCount: count(all) };
  const matches: PortfolioMatch[] = [];
  all.forEach((p, i) => {
    const words = index?.[i];
    if ((words?.portfolio ?? portfolioSearchText(p)).includes(q)) {
      matches.push({ portfolio: p, tokens: p.userTokens });
      return;
    }
    const tokens = p.userTokens.filter((t, j) => (words?.tokens[j] ?? tokenSearchText(t)).includes(q));
    if (tokens.length) matches.push({ portfolio: p, tokens });
  });
  return { matches, tokenCount: matches.reduce((n, m) => n + m.tokens.length, 0) };
}

function count(all: PortfolioView[]): number {
  return all.reduce((n, p) => n + p.userTokens.length, 0);
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** "3 tokens in 2 portfolios match" */
export function matchWords(portfolioCount: number, tokenCount: number): string {
  const verb = tokenCount === 1 ? "matches" : "match";
  return `${plural(tokenCount, "token")} in ${plural(portfolioCount, "portfolio")} ${verb}`;
}

/** "3 tokens in 2 portfolios match" */
export function matchSummary(result: SearchResult): string {
  return matchWords(result.matches.length, result.tokenCount);
}
