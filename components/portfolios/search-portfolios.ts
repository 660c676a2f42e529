import { portfolioSearchText, tokenSearchText } from "@/lib/domain/token-words";
import type { PortfolioView, TokenView } from "@/lib/domain/types";

export type PortfolioMatch = {
  /** The portfolio as listed, every token included (actions need them all, e.g. to check a new name). */
  portfolio: PortfolioView;
  /** The tokens to show: all of them when the portfolio itself matched. */
  tokens: TokenView[];
};

export type SearchResult = { matches: PortfolioMatch[]; tokenCount: number };

/**
 * The query, as typed, must appear in what the screen shows (case aside): a
 * portfolio's header (name, GCID, description) matches it with all its tokens;
 * otherwise each token is judged on its own row's words ("any IP", "High risk:
 * real money", "Replaces live-trader", a scope's label, an IP…).
 */
export function searchPortfolios(all: PortfolioView[], query: string): SearchResult {
  const q = query.trim().toLowerCase().replace(/\s+/g, " ");
  if (!q) return { matches: all.map((portfolio) => ({ portfolio, tokens: portfolio.userTokens })), tokenCount: count(all) };
  const matches: PortfolioMatch[] = [];
  for (const p of all) {
    if (portfolioSearchText(p).includes(q)) {
      matches.push({ portfolio: p, tokens: p.userTokens });
      continue;
    }
    const tokens = p.userTokens.filter((t) => tokenSearchText(t).includes(q));
    if (tokens.length) matches.push({ portfolio: p, tokens });
  }
  return { matches, tokenCount: matches.reduce((n, m) => n + m.tokens.length, 0) };
}

function count(all: PortfolioView[]): number {
  return all.reduce((n, p) => n + p.userTokens.length, 0);
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** "3 tokens in 2 portfolios match" */
export function matchSummary(result: SearchResult): string {
  const verb = result.tokenCount === 1 ? "matches" : "match";
  return `${plural(result.tokenCount, "token")} in ${plural(result.matches.length, "portfolio")} ${verb}`;
}
