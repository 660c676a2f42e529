/** The first /tokens window sent with the page: from the account view, or null (the browser then asks itself). */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PortfolioList } from "@/lib/domain/types";
import { portfolioView, tokenView } from "@/tests/support/views";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "console.test", cookie: "s=1" }) }));
const state = vi.hoisted(() => ({ signedIn: true, view: null as null | (() => Promise<unknown>) }));
vi.mock("@/lib/session", () => ({ currentSession: async () => (state.signedIn ? { credentials: { apiKey: "k", userKey: "u" } } : null) }));
vi.mock("./account-view", () => ({ accountView: () => state.view!() }));
const { firstTokenWindow, FIRST_WINDOW_WAIT_MS } = await import("./first-token-window");

const list: PortfolioList = {
  fetchedAt: "2026-01-01T00:00:00.000Z",
  agentPortfolios: [portfolioView({ agentPortfolioId: "p", agentPortfolioName: "AlphaBot", userTokens: [tokenView({ userTokenId: "t1", userTokenName: "one" })] })],
};

beforeEach(() => {
  state.signedIn = true;
  state.view = async () => ({ list, json: JSON.stringify(list), requestId: "r" });
});

describe("firstTokenWindow", () => {
  it("answers as GET /api/tokens does with no parameters", async () => {
    expect(await firstTokenWindow()).toMatchObject({ offset: 0, matched: 1, total: 1, rows: [{ id: "t1", name: "one", portfolioName: "AlphaBot" }] });
  });

  it("is null without a session, when the list fails, and when it is late", async () => {
    state.signedIn = false;
    expect(await firstTokenWindow()).toBeNull();
    state.signedIn = true;
    state.view = async () => {
      throw new Error("upstream down");
    };
    expect(await firstTokenWindow()).toBeNull();
    state.view = () => new Promise((resolve) => setTimeout(() => resolve({ list, json: "", requestId: "r" }), FIRST_WINDOW_WAIT_MS + 200));
    const started = Date.now();
    expect(await firstTokenWindow()).toBeNull();
    expect(Date.now() - started).toBeLessThan(FIRST_WINDOW_WAIT_MS + 150);
  });
});
