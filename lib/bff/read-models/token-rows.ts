import "server-only";
import { sortRows, toRows, toRowView, matches, type Sort, type TokenPage, type TokenTableRow } from "@/lib/domain/token-table";
import type { TokenQuery } from "@/lib/schemas/token-query";
import type { AccountView } from "./account-view";

/**
 * What GET /api/tokens reads, made once per account view and dropped with it: the
 * flattened rows with their search text, each sort order asked for, and the last
 * few filtered results (scrolling asks for window after window of the same one).
 */
type Derived = {
  rows: TokenTableRow[];
  sorted: Map<string, TokenTableRow[]>;
  /** Filter + sort → the matching rows, most recently used last. */
  matched: Map<string, TokenTableRow[]>;
};

/** Filtered results kept per view: a few searches and sorts back and forth. */
const KEPT_RESULTS = 8;

const derived = new WeakMap<AccountView, Derived>();

function derive(view: AccountView): Derived {
  let d = derived.get(view);
  if (!d) {
    d = { rows: toRows(view.list.agentPortfolios), sorted: new Map(), matched: new Map() };
    derived.set(view, d);
  }
  return d;
}

function sortedBy(d: Derived, sort: Sort): TokenTableRow[] {
  const key = `${sort.key} ${sort.direction}`;
  let rows = d.sorted.get(key);
  if (!rows) {
    rows = sortRows(d.rows, sort);
    d.sorted.set(key, rows);
  }
  return rows;
}

function matching(d: Derived, query: TokenQuery): TokenTableRow[] {
  const key = JSON.stringify([query.filters, query.sort]);
  let rows = d.matched.get(key);
  if (rows) {
    d.matched.delete(key);
  } else {
    rows = sortedBy(d, query.sort).filter((r) => matches(r, query.filters));
    if (d.matched.size >= KEPT_RESULTS) d.matched.delete(d.matched.keys().next().value!);
  }
  d.matched.set(key, rows);
  return rows;
}

/** One window of the account's tokens under the query's filters and sort. */
export function tokenPage(view: AccountView, query: TokenQuery): TokenPage {
  const d = derive(view);
  const rows = matching(d, query);
  return {
    rows: rows.slice(query.offset, query.offset + query.limit).map(toRowView),
    offset: query.offset,
    matched: rows.length,
    total: d.rows.length,
    fetchedAt: view.list.fetchedAt,
    ...(query.ids ? { ids: rows.map((r) => r.token.userTokenId) } : {}),
  };
}
