/**
 * The /tokens table as data: every token of the account flattened to a row, the
 * filters, the text search and the sort, the compact row the browser is sent, and
 * the query string that carries filters and sort to GET /api/tokens. Pure (no React,
 * no server), so it is unit-tested and shared by the route and the page.
 */
import { boundaryChips } from "@/lib/domain/boundary-words";
import { DEMO_READ, DEMO_WRITE, REAL_READ, REAL_WRITE } from "@/lib/domain/scopes";
import type { RiskLevel } from "@/lib/domain/token-status";
import { canBypassGateway, isUnused30d } from "@/lib/domain/token-usage";
import { shownIps } from "@/lib/domain/token-words";
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
  /** Idle: no gateway call for 30 days and not minted in them (lib/domain/token-usage.ts). */
  unused30d: boolean;
  /** Not gateway-only: eToro accepts it from elsewhere too. */
  canBypassGateway: boolean;
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
  unused30d: false,
  canBypassGateway: false,
};

export type SortKey = "portfolio" | "token" | "risk" | "expiry" | "created" | "lastUsed";
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
      text: [p.agentPortfolioName, t.userTokenName, ...t.scopeNames, ...shownIps(t).ips, t.status, `${t.risk.level} risk`, t.secretHint ?? "", ...boundaryChips(t.boundaries)]
        .join(" ")
        .toLowerCase(),
    })),
  );
}

export function matches(row: TokenTableRow, f: TokenFilters, now = Date.now()): boolean {
  const t = row.token;
  if (f.risk !== "any" && t.risk.level !== f.risk) return false;
  if (f.account === "real" && !row.real) return false;
  if (f.account === "demo" && !row.demo) return false;
  if (f.writeOnly && !row.write) return false;
  // A gateway-only token's eToro list is the gateway's own: the agent's addresses are its real limit.
  if (f.noIpLimit && shownIps(t).ips.length > 0) return false;
  if (f.neverExpires && t.expiresAt) return false;
  if (f.expiringSoon && t.status !== "expiring") return false;
  if (f.expired && t.status !== "expired") return false;
  if (f.unused30d && !isUnused30d(t, now)) return false;
  if (f.canBypassGateway && !canBypassGateway(t)) return false;
  const words = f.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.text.includes(w));
}

const RISK_RANK: Record<RiskLevel, number> = { high: 2, medium: 1, low: 0 };

// The order localeCompare gives without arguments, from one collator made once instead of one per comparison.
const text = new Intl.Collator().compare;

function compare(a: TokenTableRow, b: TokenTableRow, key: SortKey): number {
  switch (key) {
    case "portfolio":
      return text(a.portfolioName, b.portfolioName) || text(a.token.userTokenName, b.token.userTokenName);
    case "token":
      return text(a.token.userTokenName, b.token.userTokenName) || text(a.portfolioName, b.portfolioName);
    case "risk":
      return RISK_RANK[a.token.risk.level] - RISK_RANK[b.token.risk.level];
    case "expiry":
      // Never expires sorts last going up: it is the furthest away.
      return (a.token.expiresAt ? Date.parse(a.token.expiresAt) : Infinity) - (b.token.expiresAt ? Date.parse(b.token.expiresAt) : Infinity);
    case "created":
      return (a.token.createdAt ? Date.parse(a.token.createdAt) : 0) - (b.token.createdAt ? Date.parse(b.token.createdAt) : 0);
    case "lastUsed":
      // Never used sorts as the longest ago.
      return (a.token.lastUsedAt ? Date.parse(a.token.lastUsedAt) : -Infinity) - (b.token.lastUsedAt ? Date.parse(b.token.lastUsedAt) : -Infinity) || 0;
  }
}

/** Every row in `sort`'s order; ties keep the list order, so rows never jump between reads. */
export function sortRows(rows: TokenTableRow[], sort: Sort): TokenTableRow[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => sign * compare(x.row, y.row, sort.key) || x.i - y.i)
    .map((x) => x.row);
}

/** The rows that pass `filters`, in `sort`'s order (filtering a sorted list keeps its order). */
export function filterAndSort(rows: TokenTableRow[], filters: TokenFilters, sort: Sort): TokenTableRow[] {
  return sortRows(rows, sort).filter((r) => matches(r, filters));
}

export const DEFAULT_SORT: Sort = { key: "risk", direction: "desc" };

/** A row as the browser gets it: only what the table shows, nothing of the ledger's links or the search text. */
export type TokenRowView = {
  id: string;
  name: string;
  portfolioId: string;
  portfolioName: string;
  secretHint: string | null;
  scopeNames: string[];
  ipsWhitelist: string[];
  /** A gateway-only token's own agent addresses (its ipsWhitelist is then the gateway's); empty otherwise. */
  agentIps: string[];
  expiresAt: string | null;
  createdAt: string | null;
  status: TokenView["status"];
  risk: TokenView["risk"];
  lastUsedAt: string | null;
  calls24h: number;
  gatewayOnly: boolean | null;
  boundaries: TokenView["boundaries"];
  budget: TokenView["budget"];
};

export function toRowView(row: TokenTableRow): TokenRowView {
  const t = row.token;
  return {
    id: t.userTokenId,
    name: t.userTokenName,
    portfolioId: row.portfolioId,
    portfolioName: row.portfolioName,
    secretHint: t.secretHint,
    scopeNames: t.scopeNames,
    ipsWhitelist: t.ipsWhitelist,
    agentIps: t.gatewayOnly === true ? (t.agentIps ?? []) : [],
    expiresAt: t.expiresAt,
    createdAt: t.createdAt,
    status: t.status,
    risk: t.risk,
    lastUsedAt: t.lastUsedAt,
    calls24h: t.calls24h,
    gatewayOnly: t.gatewayOnly,
    boundaries: t.boundaries,
    budget: t.budget,
  };
}

/** GET /api/tokens: one window of the matching rows, how many match, and how many the account has. */
export type TokenPage = {
  rows: TokenRowView[];
  offset: number;
  matched: number;
  total: number;
  fetchedAt: string;
  /** Every matching token's id, in order: only when asked (`ids=1`), for "select all". */
  ids?: string[];
};

/** Rows per window when none is asked for, and the most one read may ask. */
export const PAGE_ROWS = 100;
export const MAX_PAGE_ROWS = 500;

const FLAGS = ["writeOnly", "noIpLimit", "neverExpires", "expiringSoon", "expired", "unused30d", "canBypassGateway"] as const;

/**
 * Filters and sort as GET /api/tokens's query string, defaults left out so the same
 * view is always the same string (it is the browser's cache key too). The route's
 * parser (lib/schemas/token-query.ts) reads it back.
 */
export function tokenQueryString(filters: TokenFilters, sort: Sort): string {
  const q = new URLSearchParams();
  const query = filters.query.trim();
  if (query) q.set("q", query);
  if (filters.risk !== "any") q.set("risk", filters.risk);
  if (filters.account !== "any") q.set("account", filters.account);
  for (const flag of FLAGS) if (filters[flag]) q.set(flag, "1");
  if (sort.key !== DEFAULT_SORT.key || sort.direction !== DEFAULT_SORT.direction) {
    q.set("sort", sort.key);
    q.set("dir", sort.direction);
  }
  return q.toString();
}
