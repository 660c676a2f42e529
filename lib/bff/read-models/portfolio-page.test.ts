/**
 * /portfolios' page read: the query string checked (a 400 naming the parameter,
 * never a 500), the search and paging done here on the account view, and what is
 * derived from a view built once per view.
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "../http/api-error";
import type { AccountView } from "./account-view";
import { serialise } from "../http/respond";
import { EXPIRY_ITEMS_MAX, expirySummary, PAGE_LIMIT_DEFAULT, portfolioPage, portfolioPageQuery } from "./portfolio-page";
import type { PortfolioList } from "@/lib/domain/types";
import { portfolioView, tokenView } from "@/tests/support/views";
import { testRequest } from "@/tests/support/next-request";

const DAY = 86_400_000;
const now = Date.now();

function viewOf(portfolios: number, tokensEach: number): AccountView {
  const list: PortfolioList = {
    agentPortfolios: Array.from({ length: portfolios }, (_, i) => {
      const id = String(i + 1).padStart(4, "0");
      return portfolioView({
        agentPortfolioId: `p-${id}`,
        agentPortfolioName: `Seed${id}`,
        userTokens: Array.from({ length: tokensEach }, (_, j) =>
          tokenView({
            userTokenId: `t-${id}-${j}`,
            userTokenName: j === 0 ? "watcher" : `bot-${j}`,
            ipsWhitelist: j === 1 ? [] : ["203.0.113.7"],
            // The first token of every tenth portfolio is expiring, of every seventh expired.
            expiresAt: j !== 0 ? null : new Date(now + (i % 10 === 0 ? 2 * DAY : i % 7 === 0 ? -DAY : 300 * DAY)).toISOString(),
            status: j === 0 && i % 10 === 0 ? "expiring" : j === 0 && i % 7 === 0 ? "expired" : "active",
          }),
        ),
      });
    }),
    fetchedAt: new Date(now).toISOString(),
  };
  return { list, json: serialise(list), requestId: "req-1" };
}

const query = (search: string) => portfolioPageQuery(testRequest("GET", { path: `/api/portfolios/page${search}` }));

function refusal(search: string): { status: number; code: string; fields?: Record<string, string> } {
  try {
    query(search);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, code: e.code, fields: e.extra.fields };
    throw e;
  }
  throw new Error(`${search} was accepted`);
}

describe("the page's query string", () => {
  it("defaults to the first page of everything", () => {
    expect(query("")).toEqual({ q: "", offset: 0, limit: PAGE_LIMIT_DEFAULT });
    expect(query("?q=any%20IP&offset=25&limit=100")).toEqual({ q: "any IP", offset: 25, limit: 100 });
  });

  it("answers bad paging with a 400 naming the parameter", () => {
    for (const bad of ["?offset=-1", "?offset=abc", "?offset=1.5", "?limit=0", "?limit=101", "?limit=", "?offset=99999999999"]) {
      const name = bad.slice(1, bad.indexOf("="));
      const answer = refusal(bad);
      expect(answer, bad).toMatchObject({ status: 400, code: "ValidationFailed" });
      expect(Object.keys(answer.fields ?? {}), bad).toEqual([name]);
    }
  });

  it("refuses an overlong search and a parameter given twice", () => {
    expect(refusal(`?q=${"x".repeat(201)}`)).toMatchObject({ status: 400, fields: { q: expect.any(String) } });
    expect(refusal("?offset=0&offset=25")).toMatchObject({ status: 400, fields: { offset: expect.any(String) } });
  });
});

describe("a page of the account view", () => {
  const view = viewOf(1_000, 10);

  it("sends the window asked for, with the account's totals and the match counts", () => {
    const page = portfolioPage(view, { q: "", offset: 0, limit: 25 });
    expect(page.matches.map((m) => m.portfolio.agentPortfolioName)).toEqual(view.list.agentPortfolios.slice(0, 25).map((p) => p.agentPortfolioName));
    expect(page.matches.every((m) => m.shownTokenIds === null && m.portfolio.userTokens.length === 10)).toBe(true);
    expect(page).toMatchObject({ q: "", offset: 0, limit: 25, matchedPortfolios: 1_000, matchedTokens: 10_000 });
    expect(page.totals).toEqual({ portfolios: 1_000, tokens: 10_000 });

    const last = portfolioPage(view, { q: "", offset: 975, limit: 100 });
    expect(last.matches).toHaveLength(25);
    expect(last.matches[24].portfolio.agentPortfolioName).toBe("Seed1000");
    expect(portfolioPage(view, { q: "", offset: 5_000, limit: 25 }).matches).toEqual([]);
  });

  it("searches on the server: a portfolio's header shows all its tokens, otherwise only the tokens that match", () => {
    const byName = portfolioPage(view, { q: "seed0042", offset: 0, limit: 25 });
    expect(byName.matches.map((m) => [m.portfolio.agentPortfolioName, m.shownTokenIds])).toEqual([["Seed0042", null]]);
    expect(byName).toMatchObject({ matchedPortfolios: 1, matchedTokens: 10 });

    const anyIp = portfolioPage(view, { q: "  Any IP ", offset: 10, limit: 5 });
    expect(anyIp.q).toBe("Any IP");
    expect(anyIp).toMatchObject({ matchedPortfolios: 1_000, matchedTokens: 1_000 });
    expect(anyIp.matches.map((m) => m.shownTokenIds)).toEqual([10, 11, 12, 13, 14].map((i) => [`t-${String(i + 1).padStart(4, "0")}-1`]));
    // The portfolio still carries every token: its actions need them (a new token's name must be new).
    expect(anyIp.matches[0].portfolio.userTokens).toHaveLength(10);

    expect(portfolioPage(view, { q: "nothing like this", offset: 0, limit: 25 })).toMatchObject({ matches: [], matchedPortfolios: 0, matchedTokens: 0 });
  });

  it("gives the same answer from its remembered search as from a fresh one", () => {
    const first = portfolioPage(view, { q: "watcher", offset: 0, limit: 25 });
    const again = portfolioPage(view, { q: "WATCHER", offset: 0, limit: 25 });
    expect(again.matches).toEqual(first.matches);
    expect(portfolioPage(viewOf(1_000, 10), { q: "watcher", offset: 0, limit: 25 }).matches).toEqual(first.matches);
  });
});

describe("the expiry banner's summary", () => {
  it("counts every expiring and expired token and lists the first few of each, soonest first", () => {
    const summary = expirySummary(viewOf(1_000, 10), now);
    expect(summary.expiringCount).toBe(100);
    expect(summary.expiredCount).toBe(143 - 15); // every seventh of 1,000, less those also tenth
    expect(summary.expiring).toHaveLength(EXPIRY_ITEMS_MAX);
    expect(summary.expired).toHaveLength(EXPIRY_ITEMS_MAX);
    // Names only: the banner links to the portfolio, it does not need its tokens.
    expect(summary.expiring[0].portfolio).toEqual({ agentPortfolioId: "p-0001", agentPortfolioName: "Seed0001" });
  });

  it("is empty for an account with nothing expiring", () => {
    expect(expirySummary(viewOf(3, 2), now)).toMatchObject({ expiringCount: 1, expiredCount: 0, expired: [] });
    expect(expirySummary(viewOf(0, 0), now)).toEqual({ expiringCount: 0, expiredCount: 0, expiring: [], expired: [] });
  });
});
