/** /portfolios' first page and expiry summary sent with the HTML: as their routes answer, or null. */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PortfolioList } from "@/lib/domain/types";
import { portfolioView, tokenView } from "@/tests/support/views";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "console.test", cookie: "s=1" }) }));
const state = vi.hoisted(() => ({ signedIn: true, view: null as null | (() => Promise<unknown>) }));
vi.mock("@/lib/session", () => ({ currentSession: async () => (state.signedIn ? { credentials: { apiKey: "k", userKey: "u" } } : null) }));
vi.mock("./account-view", () => ({ accountView: () => state.view!() }));
const { firstPortfolioPage } = await import("./first-portfolio-page");
const { expirySummary, portfolioPage } = await import("./portfolio-page");

const list: PortfolioList = {
  fetchedAt: "2026-01-01T00:00:00.000Z",
  agentPortfolios: Array.from({ length: 30 }, (_, i) =>
    portfolioView({ agentPortfolioId: `p${i}`, agentPortfolioName: `Bot ${i}`, userTokens: [tokenView({ userTokenId: `t${i}`, userTokenName: `t${i}` })] }),
  ),
};
const view = { list, json: JSON.stringify(list), requestId: "r" };

beforeEach(() => {
  state.signedIn = true;
  state.view = async () => view;
});

describe("firstPortfolioPage", () => {
  it("is GET /api/portfolios/page with no parameters, and the expiry summary", async () => {
    const first = await firstPortfolioPage();
    expect(first?.page).toEqual(portfolioPage(view as never, { q: "", offset: 0, limit: 25 }));
    expect(first?.page.matches).toHaveLength(25);
    expect(first?.expiry).toEqual(expirySummary(view as never));
  });

  it("is null without a session and when the list fails", async () => {
    state.signedIn = false;
    expect(await firstPortfolioPage()).toBeNull();
    state.signedIn = true;
    state.view = async () => {
      throw new Error("upstream down");
    };
    expect(await firstPortfolioPage()).toBeNull();
  });
});
