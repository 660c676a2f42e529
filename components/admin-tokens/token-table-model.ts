/**
 * The /tokens table as data: every token of the account flattened to a row, the
 * filters, the text search and the sort. Pure (no React), so it is unit-tested and
 * cheap at 10,000 rows.
 */
import { DEMO_READ, DEMO_WRITE, REAL_READ, REAL_WRITE } from "@/lib/domain/scopes";
import type { RiskLevel } from "@/lib/domain/token-status";
import type { PortfolioView, TokenView } from "@/lib/domain/types";

export type TokenTableRow = {
  portfolioId: string;
  portfolioName: string;
  token: TokenView;
  real: boolean;
  demo: boolean;
  write: boolean;
  /** Lower-cased words on screen, for the search box. */
  text: string;
};

export type TokenFilters = {
  query: string;
  risk: "any" | RiskLevel;
  account: "any" | "real" | "demo";
  writeOnly: boolean;
  noIpLimit: boolean;
  neverExpires: boolean;
  expiringSoon: boolean;
  expired: boolean;
};

export const NO_FILTERS: TokenFilters = {
  query: "",
  risk: "any",
  account: "any",
  writeOnly: false,
  noIpLimit: false,
  neverExpires: false,
  expiringSoon: false,
  expired: false,
};

export type SortKey = "portfolio" | "token" | "risk" | "expiry" | "created";
export type Sort = { key: SortKey; direction: "asc" | "desc" };

export function toRows(portfolios: PortfolioView[]): TokenTableRow[] {
  return portfolios.flatMap((p) =>
    p.userTokens.map((t) => ({
      portfolioId: p.agentPortfolioId,
      portfolioName: p.agentPortfolioName,
      token: t,
      real: t.scopeNames.includes(REAL_READ) || t.scopeNames.includes(REAL_WRITE),
      demo: t.scopeNames.includes(DEMO_READ) || t.scopeNames.includes(DEMO_WRITE),
      write: t.scopeNames.includes(REAL_WRITE) || t.scopeNames.includes(DEMO_WRITE),
      text: [p.agentPortfolioName, t.userTokenName, ...t.scopeNames, ...t.ipsWhitelist, t.status, `${t.risk.level} risk`, t.secretHint ?? ""]
        .join(" ")
        .toLowerCase(),
    })),
  );
}

export function matches(row: TokenTableRow, f: TokenFilters): boolean {
  const t = row.token;
  if (f.risk !== "any" && t.risk.level !== f.risk) return false;
  if (f.account === "real" && !row.real) return false;
  if (f.account === "demo" && !row.demo) return false;
  if (f.writeOnly && !row.write) return false;
  if (f.noIpLimit && t.ipsWhitelist.length > 0) return false;
  if (f.neverExpires && t.expiresAt) return false;
  if (f.expiringSoon && t.status !== "expiring") return false;
  if (f.expired && t.status !== "expired") return false;
  const words = f.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.text.includes(w));
}

const RISK_RANK: Record<RiskLevel, number> = { high: 2, medium: 1, low: 0 };

function compare(a: TokenTableRow, b: TokenTableRow, key: SortKey): number {
  switch (key) {
    case "portfolio":
      return a.portfolioName.localeCompare(b.portfolioName) || a.token.userTokenName.localeCompare(b.token.userTokenName);
    case "token":
      return a.token.userTokenName.localeCompare(b.token.userTokenName) || a.portfolioName.localeCompare(b.portfolioName);
    case "risk":
      return RISK_RANK[a.token.risk.level] - RISK_RANK[b.token.risk.level];
    case "expiry":
      // Never expires sorts last going up: it is the furthest away.
      return (a.token.expiresAt ? Date.parse(a.token.expiresAt) : Infinity) - (b.token.expiresAt ? Date.parse(b.token.expiresAt) : Infinity);
    case "created":
      return (a.token.createdAt ? Date.parse(a.token.createdAt) : 0) - (b.token.createdAt ? Date.parse(b.token.createdAt) : 0);
  }
}

export function filterAndSort(rows: TokenTableRow[], filters: TokenFilters, sort: Sort): TokenTableRow[] {
  const kept = rows.filter((r) => matches(r, filters));
  const sign = sort.direction === "asc" ? 1 : -1;
  // Stable tie-break on the list order keeps rows from jumping between renders.
  return kept
    .map((row, i) => ({ row, i }))
    .sort((x, y) => sign * compare(x.row, y.row, sort.key) || x.i - y.i)
    .map((x) => x.row);
}
