import { describe, expect, it, vi } from "vitest";
import { DEFAULT_SORT, NO_FILTERS } from "@/lib/domain/token-table";
import type { PortfolioList } from "@/lib/domain/types";
import { portfolioView, tokenView } from "@/tests/support/views";
import type { AccountView } from "./account-view";
import type { JsonOf } from "../http/respond";

const spies = vi.hoisted(() => ({ toRows: 0, sortRows: 0, matches: 0 }));
vi.mock("@/lib/domain/token-table", async (original) => {
  const real = await original<typeof import("@/lib/domain/token-table")>();
  return {
    ...real,
    toRows: (...args: Parameters<typeof real.toRows>) => (spies.toRows++, real.toRows(...args)),
    sortRows: (...args: Parameters<typeof real.sortRows>) => (spies.sortRows++, real.sortRows(...args)),
    matches: (...args: Parameters<typeof real.matches>) => (spies.matches++, real.matches(...args)),
  };
});
const { tokenPage } = await import("./token-rows");

function viewOf(tokens: number): AccountView {
  const list: PortfolioList = {
    fetchedAt: new Date().toISOString(),
    agentPortfolios: [portfolioView({ agentPortfolioId: "p", agentPortfolioName: "Portfolio", userTokens: Array.from({ length: tokens }, (_, i) => tokenView({ userTokenId: `t${i}`, userTokenName: `token-${i}` })) })],
  };
  return { list, json: JSON.stringify(list) as JsonOf<PortfolioList>, requestId: "r" };
}
const query = (offset: number, sort = DEFAULT_SORT) => ({ filters: NO_FILTERS, sort, offset, limit: 10, ids: false });

describe("token rows per account view", () => {
  it("flattens a view once and sorts it once per order, however many windows are read", () => {
    const view = viewOf(30);
    spies.toRows = spies.sortRows = spies.matches = 0;
    expect(tokenPage(view, query(0)).rows).toHaveLength(10);
    expect(tokenPage(view, query(10)).rows[0].name).toBe("token-10");
    // The second window of the same filters reuses the first one's result: one pass over the 30 rows.
    expect(spies).toEqual({ toRows: 1, sortRows: 1, matches: 30 });
    tokenPage(view, { ...query(20), filters: { ...NO_FILTERS, query: "token-2" } });
    tokenPage(view, query(0, { key: "token", direction: "asc" }));
    tokenPage(view, query(10, { key: "token", direction: "asc" }));
    expect(spies).toEqual({ toRows: 1, sortRows: 2, matches: 90 });
  });

  it("a new view (the list reloaded) is flattened afresh", () => {
    spies.toRows = 0;
    tokenPage(viewOf(3), query(0));
    tokenPage(viewOf(3), query(0));
    expect(spies.toRows).toBe(2);
  });
});
