/**
 * GET /api/tokens (app/api/tokens/route.ts) through its handler: the query string
 * parsed and refused with a 400 naming the parameter, then the account's tokens
 * searched, filtered, sorted and cut to a window from the cached account view.
 * A real iron-session session in an in-memory cookie jar (as route.test.ts); the
 * account view is a fixed list instead of the sandbox.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_READ, DEMO_WRITE, REAL_READ, REAL_WRITE } from "@/lib/domain/scopes";
import { tokenRisk, tokenStatus } from "@/lib/domain/token-status";
import { DEFAULT_SORT, NO_FILTERS, tokenQueryString, type TokenPage } from "@/lib/domain/token-table";
import type { PortfolioList } from "@/lib/domain/types";
import { testRequest } from "@/tests/support/next-request";
import { portfolioView, tokenView } from "@/tests/support/views";
import type { AccountView } from "./account-view";
import type { JsonOf } from "../http/respond";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (options?.maxAge === 0 || value === "") jar.delete(name);
      else jar.set(name, value);
    },
  }),
  headers: vi.fn(async () => new Headers(jar.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") } : {})),
}));
vi.mock("@/lib/session/registry", () => ({ isSessionLive: async () => true }));

const DAY = 86_400_000;
const now = Date.now();
function token(name: string, scopeNames: string[], ipsWhitelist: string[], expiresInDays: number | null, createdDaysAgo: number) {
  const expiresAt = expiresInDays === null ? null : new Date(now + expiresInDays * DAY).toISOString();
  const t = { scopeNames, ipsWhitelist, expiresAt };
  return tokenView({
    userTokenId: `id-${name}`,
    userTokenName: name,
    ...t,
    createdAt: new Date(now - createdDaysAgo * DAY).toISOString(),
    status: tokenStatus(expiresAt, now),
    risk: tokenRisk(t, now),
    secretHint: name === "fenced" ? "a1b2" : null,
    // The gateway's facts: "fenced" is gateway-only and busy, "soon" was used 31 days ago.
    gatewayOnly: name === "fenced" ? true : name === "soon" ? false : null,
    agentIps: name === "fenced" ? ["198.51.100.1"] : [],
    lastUsedAt: name === "fenced" ? new Date(now - 60_000).toISOString() : name === "soon" ? new Date(now - 31 * DAY).toISOString() : null,
    calls24h: name === "fenced" ? 12 : 0,
  });
}
const list: PortfolioList = {
  fetchedAt: new Date(now).toISOString(),
  agentPortfolios: [
    portfolioView({
      agentPortfolioId: "p1",
      agentPortfolioName: "AlphaBot",
      userTokens: [token("live-trader", [REAL_READ, REAL_WRITE], [], null, 40), token("fenced", [REAL_READ, REAL_WRITE], ["203.0.113.1"], 30, 3), token("soon", [REAL_READ], ["203.0.113.2"], 3, 2)],
    }),
    portfolioView({ agentPortfolioId: "p2", agentPortfolioName: "DemoScout", userTokens: [token("paper", [DEMO_READ, DEMO_WRITE], [], -2, 10), token("watch", [DEMO_READ], [], 90, 5)] }),
  ],
};
let view: AccountView = { list, json: JSON.stringify(list) as JsonOf<PortfolioList>, requestId: "11111111-1111-4111-8111-111111111111" };
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock("./account-view", () => ({
  accountView: async () => {
    reads.count++;
    return view;
  },
}));

const { GET } = await import("@/app/api/tokens/route");
const { writableSession } = await import("@/lib/session");

async function get(query: string) {
  const res = await GET(testRequest("GET", { path: `/api/tokens${query ? `?${query}` : ""}` }), undefined);
  return { status: res.status, body: (await res.json()) as TokenPage & { error?: { code: string; message: string } }, headers: res.headers };
}
const names = (page: TokenPage) => page.rows.map((r) => r.name);

beforeEach(async () => {
  jar.clear();
  const session = await writableSession();
  session.userKey = "sandbox-alice";
  session.signedInAt = Date.now();
  session.sessionId = "22222222-2222-4222-8222-222222222222";
  await session.save();
});

describe("GET /api/tokens: bad parameters", () => {
  it.each([
    ["risk=extreme", "risk"],
    ["account=paper", "account"],
    ["writeOnly=yes", "writeOnly"],
    ["unused30d=yes", "unused30d"],
    ["canBypassGateway=2", "canBypassGateway"],
    ["sort=name", "sort"],
    ["dir=up", "dir"],
    ["offset=-1", "offset"],
    ["offset=1.5", "offset"],
    ["limit=501", "limit"],
    ["limit=ten", "limit"],
    [`q=${"x".repeat(201)}`, "q"],
    ["risk=high&risk=low", "risk"],
    ["colour=red", "colour"],
  ])("%s is a 400 naming %s, and the list is not read", async (query, name) => {
    reads.count = 0;
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("ValidationFailed");
    expect(res.body.error?.message).toContain(name);
    expect(reads.count).toBe(0);
  });

  it("without a session: 401, not a 500", async () => {
    jar.clear();
    expect((await get("")).status).toBe(401);
  });
});

describe("GET /api/tokens: the window", () => {
  it("with no parameters: the first window, risk first, how many match and how many there are", async () => {
    const res = await get("");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe(view.requestId);
    expect(res.body).toMatchObject({ offset: 0, matched: 5, total: 5, fetchedAt: list.fetchedAt });
    expect(res.body.rows[0].name).toBe("live-trader");
    expect(res.body.ids).toBeUndefined();
  });

  it("sends only what the table shows: no ledger links, no search text", async () => {
    const fenced = (await get("q=fenced")).body.rows[0];
    expect(Object.keys(fenced).sort()).toEqual(
      ["agentIps", "boundaries", "budget", "calls24h", "createdAt", "expiresAt", "gatewayOnly", "id", "ipsWhitelist", "lastUsedAt", "name", "portfolioId", "portfolioName", "risk", "scopeNames", "secretHint", "status"].sort(),
    );
    expect(fenced).toMatchObject({ name: "fenced", portfolioName: "AlphaBot", secretHint: "a1b2", ipsWhitelist: ["203.0.113.1"], agentIps: ["198.51.100.1"] });
  });

  it("filters as the page's filters do, and counts what they keep", async () => {
    const risky = await get("account=real&writeOnly=1&noIpLimit=true");
    expect(names(risky.body)).toEqual(["live-trader"]);
    expect(risky.body).toMatchObject({ matched: 1, total: 5 });
    expect(names((await get("account=demo&sort=token")).body)).toEqual(["paper", "watch"]);
    expect(names((await get("expired=1")).body)).toEqual(["paper"]);
    expect(names((await get("expiringSoon=1")).body)).toEqual(["soon"]);
    expect(names((await get("neverExpires=1")).body)).toEqual(["live-trader"]);
    expect(names((await get("risk=high")).body)).toEqual(["live-trader"]);
    expect(names((await get("q=203.0.113.2")).body)).toEqual(["soon"]);
    expect(names((await get("q=demo%20watch")).body)).toEqual(["watch"]);
    expect((await get("q=nothing-like-this")).body).toMatchObject({ rows: [], matched: 0, total: 5 });
  });

  it("sorts by a column, each way; a column alone gets its natural direction", async () => {
    expect(names((await get("sort=expiry&dir=asc")).body)).toEqual(["paper", "soon", "fenced", "watch", "live-trader"]);
    expect(names((await get("sort=created&dir=desc")).body)).toEqual(["soon", "fenced", "watch", "paper", "live-trader"]);
    expect(names((await get("sort=token")).body)).toEqual(["fenced", "live-trader", "paper", "soon", "watch"]);
    expect(names((await get("sort=token&dir=desc")).body)).toEqual(["watch", "soon", "paper", "live-trader", "fenced"]);
  });

  it("pages: offset and limit cut the same order, and past the end is empty", async () => {
    const all = names((await get("sort=token")).body);
    const first = await get("sort=token&offset=0&limit=2");
    const second = await get("sort=token&offset=2&limit=2");
    const third = await get("sort=token&offset=4&limit=2");
    expect([...names(first.body), ...names(second.body), ...names(third.body)]).toEqual(all);
    expect(second.body).toMatchObject({ offset: 2, matched: 5 });
    expect((await get("offset=99")).body).toMatchObject({ rows: [], offset: 99, matched: 5 });
  });

  it("ids=1 sends every matching id, in order, for select all (limit=0: no rows)", async () => {
    const res = await get("account=real&sort=token&limit=0&ids=1");
    expect(res.body.rows).toEqual([]);
    expect(res.body.ids).toEqual((await get("account=real&sort=token")).body.rows.map((r) => r.id));
    expect(res.body.ids).toHaveLength(3);
  });

  it("reads the browser's own query strings back as it wrote them", async () => {
    const filters = { ...NO_FILTERS, query: " Alpha ", account: "real" as const, noIpLimit: true };
    const query = tokenQueryString(filters, { key: "created", direction: "asc" });
    expect(names((await get(query)).body)).toEqual(["live-trader"]);
    expect(tokenQueryString(NO_FILTERS, DEFAULT_SORT)).toBe("");
  });

  it("a new account view (the list reloaded) is read afresh", async () => {
    expect((await get("")).body.total).toBe(5);
    const fewer: PortfolioList = { ...list, agentPortfolios: list.agentPortfolios.slice(1) };
    view = { list: fewer, json: JSON.stringify(fewer) as JsonOf<PortfolioList>, requestId: view.requestId };
    expect((await get("")).body).toMatchObject({ matched: 2, total: 2 });
  });

  it("sends each row's last use, 24 h calls and gateway-only; filters idle and bypassing tokens; sorts by last use", async () => {
    view = { list, json: JSON.stringify(list) as JsonOf<PortfolioList>, requestId: view.requestId };
    const fenced = (await get("q=fenced")).body.rows[0];
    expect(fenced).toMatchObject({ gatewayOnly: true, calls24h: 12, lastUsedAt: new Date(now - 60_000).toISOString() });
    // live-trader (40 days old, never used) and paper (10 days old) — only the first is idle; soon was minted 2 days ago.
    expect(names((await get("unused30d=1")).body)).toEqual(["live-trader"]);
    expect(names((await get("canBypassGateway=1&sort=token")).body)).toEqual(["live-trader", "paper", "soon", "watch"]);
    expect(names((await get("sort=lastUsed")).body).slice(0, 2)).toEqual(["fenced", "soon"]);
  });
});
