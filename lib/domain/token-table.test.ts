import { describe, expect, it } from "vitest";
import { DEMO_READ, DEMO_WRITE, REAL_READ, REAL_WRITE } from "@/lib/domain/scopes";
import { tokenRisk, tokenStatus } from "@/lib/domain/token-status";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { portfolioView, tokenView } from "@/tests/support/views";
import { DEFAULT_SORT, filterAndSort, matches, NO_FILTERS, sortRows, toRowView, toRows, tokenQueryString } from "./token-table";

const DAY = 86_400_000;
const now = Date.now();

function token(name: string, scopeNames: string[], ipsWhitelist: string[], expiresInDays: number | null, createdDaysAgo = 1): TokenView {
  const expiresAt = expiresInDays === null ? null : new Date(now + expiresInDays * DAY).toISOString();
  const t = { scopeNames, ipsWhitelist, expiresAt };
  return tokenView({
    userTokenId: `id-${name}`,
    userTokenName: name,
    ...t,
    createdAt: new Date(now - createdDaysAgo * DAY).toISOString(),
    status: tokenStatus(expiresAt, now),
    risk: tokenRisk(t, now),
  });
}

const portfolios: PortfolioView[] = [
  portfolioView({
    agentPortfolioId: "p1",
    agentPortfolioName: "AlphaBot",
    userTokens: [
      token("live-trader", [REAL_READ, REAL_WRITE], [], null, 40),
      token("fenced", [REAL_READ, REAL_WRITE], ["203.0.113.1"], 30, 3),
      token("soon", [REAL_READ], ["203.0.113.2"], 3, 2),
    ],
  }),
  portfolioView({
    agentPortfolioId: "p2",
    agentPortfolioName: "DemoScout",
    userTokens: [token("paper", [DEMO_READ, DEMO_WRITE], [], -2, 10), token("watch", [DEMO_READ], [], 90, 5)],
  }),
];

const rows = toRows(portfolios);
const names = (f = NO_FILTERS, sort = { key: "portfolio" as const, direction: "asc" as const }) => filterAndSort(rows, f, sort).map((r) => r.token.userTokenName);

describe("the /tokens table model", () => {
  it("real-money write tokens with no IP limit: exactly the risky one", () => {
    expect(names({ ...NO_FILTERS, account: "real", writeOnly: true, noIpLimit: true })).toEqual(["live-trader"]);
  });

  it("a gateway-only token is limited by its agent's addresses, not by eToro's list (the gateway's own)", () => {
    const viaGateway = (name: string, agentIps: string[]) => ({ ...token(name, [REAL_READ, REAL_WRITE], ["127.0.0.2"], null), gatewayOnly: true, agentIps });
    const gated = toRows([portfolioView({ agentPortfolioId: "g", agentPortfolioName: "Gated", userTokens: [viaGateway("open-agent", []), viaGateway("pinned-agent", ["198.51.100.7"])] })]);
    const kept = (f: typeof NO_FILTERS) => gated.filter((r) => matches(r, f, now)).map((r) => r.token.userTokenName);
    expect(kept({ ...NO_FILTERS, noIpLimit: true })).toEqual(["open-agent"]);
    expect(kept({ ...NO_FILTERS, query: "198.51.100.7" })).toEqual(["pinned-agent"]);
    expect(kept({ ...NO_FILTERS, query: "127.0.0.2" })).toEqual([]);
    expect(toRowView(gated[1]).agentIps).toEqual(["198.51.100.7"]);
    // A token that can go around the gateway has no agent list to show.
    expect(toRowView(toRows(portfolios)[0]).agentIps).toEqual([]);
  });

  it("each filter keeps only what it names", () => {
    expect(names({ ...NO_FILTERS, account: "demo" })).toEqual(["paper", "watch"]);
    expect(names({ ...NO_FILTERS, neverExpires: true })).toEqual(["live-trader"]);
    expect(names({ ...NO_FILTERS, expiringSoon: true })).toEqual(["soon"]);
    expect(names({ ...NO_FILTERS, expired: true })).toEqual(["paper"]);
    expect(names({ ...NO_FILTERS, risk: "high" })).toEqual(["live-trader"]);
    expect(names({ ...NO_FILTERS, query: "203.0.113.2" })).toEqual(["soon"]);
    expect(names({ ...NO_FILTERS, query: "demo watch" })).toEqual(["watch"]);
  });

  it("sorts by risk (high first), expiry (never last) and creation", () => {
    expect(names(NO_FILTERS, { key: "risk", direction: "desc" } as never)[0]).toBe("live-trader");
    expect(names(NO_FILTERS, { key: "expiry", direction: "asc" } as never)).toEqual(["paper", "soon", "fenced", "watch", "live-trader"]);
    expect(names(NO_FILTERS, { key: "created", direction: "desc" } as never)).toEqual(["soon", "fenced", "watch", "paper", "live-trader"]);
  });

  it("filters 10,000 rows (1,000 portfolios × 10 tokens) without losing one", () => {
    const many = Array.from({ length: 1_000 }, (_, i) => ({ ...portfolios[0], agentPortfolioId: `p${i}`, agentPortfolioName: `Seed${i}`, userTokens: Array.from({ length: 10 }, (_, j) => portfolios[0].userTokens[j % 3]) }));
    const big = toRows(many);
    expect(big).toHaveLength(10_000);
    expect(filterAndSort(big, { ...NO_FILTERS, risk: "high" }, { key: "token", direction: "asc" })).toHaveLength(4_000);
  });

  it("sorts names in the order localeCompare gives", () => {
    const odd = ["zeta", "Alpha", "émile", "alpha", "Émile", "beta10", "beta2", "Zeta", "_x", "1st"];
    const many = [portfolioView({ agentPortfolioId: "p", agentPortfolioName: "P", userTokens: odd.map((n) => token(n, [DEMO_READ], [], null)) })];
    const sorted = sortRows(toRows(many), { key: "token", direction: "asc" }).map((r) => r.token.userTokenName);
    expect(sorted).toEqual([...odd].sort((a, b) => a.localeCompare(b)));
  });

  it("writes filters and sort as a query string, defaults left out", () => {
    expect(tokenQueryString(NO_FILTERS, DEFAULT_SORT)).toBe("");
    expect(tokenQueryString({ ...NO_FILTERS, query: "  live trader ", risk: "high", expired: true }, { key: "token", direction: "asc" })).toBe(
      "q=live+trader&risk=high&expired=1&sort=token&dir=asc",
    );
  });

  it("filters idle tokens at the 30-day boundary and tokens that can go around the gateway, and sorts by last use", () => {
    const at = Date.parse("2026-03-10T12:00:00Z");
    const ago = (days: number, ms = 0) => new Date(at - days * DAY + ms).toISOString();
    const rows = toRows([
      portfolioView({
        agentPortfolioId: "p",
        agentPortfolioName: "P",
        userTokens: [
          tokenView({ userTokenId: "idle", userTokenName: "idle", lastUsedAt: ago(30), createdAt: ago(60), gatewayOnly: true }),
          tokenView({ userTokenId: "busy", userTokenName: "busy", lastUsedAt: ago(30, 1), createdAt: ago(60), gatewayOnly: false }),
          tokenView({ userTokenId: "never", userTokenName: "never", lastUsedAt: null, createdAt: ago(30), gatewayOnly: null }),
          tokenView({ userTokenId: "young", userTokenName: "young", lastUsedAt: null, createdAt: ago(30, 1), gatewayOnly: true }),
        ],
      }),
    ]);
    const pick = (f: Partial<typeof NO_FILTERS>) => rows.filter((r) => matches(r, { ...NO_FILTERS, ...f }, at)).map((r) => r.token.userTokenName);
    expect(pick({ unused30d: true })).toEqual(["idle", "never"]);
    expect(pick({ canBypassGateway: true })).toEqual(["busy", "never"]);
    expect(sortRows(rows, { key: "lastUsed", direction: "desc" }).map((r) => r.token.userTokenName)).toEqual(["busy", "idle", "never", "young"]);
    expect(tokenQueryString({ ...NO_FILTERS, unused30d: true, canBypassGateway: true }, { key: "lastUsed", direction: "desc" })).toBe(
      "unused30d=1&canBypassGateway=1&sort=lastUsed&dir=desc",
    );
  });
});
