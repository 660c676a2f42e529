import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { ALICE, BOB, TEST_API_KEY, control, testSandboxOptions } from "@/tests/support/sandbox-client";
import { DEMO_READ, REAL_READ } from "@/lib/domain/scopes";
import { EtoroError } from "./errors";

/**
 * The upstream client against the real sandbox over HTTP: caching, single-flight,
 * invalidation by mutations, error typing. The client reads its target from the
 * environment once, so it is set before the module is first used.
 */
let sandbox: RunningSandbox;
let client: typeof import("./agent-portfolios");
const alice = { apiKey: TEST_API_KEY, userKey: ALICE };
const bob = { apiKey: TEST_API_KEY, userKey: BOB };
const LIST = "GET /api/v1/agent-portfolios";

async function listCalls(): Promise<number> {
  const { body } = await control(sandbox, "GET", "/__sandbox/stats");
  return body.byRoute[LIST] ?? 0;
}

beforeAll(async () => {
  sandbox = await startSandbox(testSandboxOptions());
  process.env.ETORO_API_BASE_URL = sandbox.url;
  process.env.ETORO_API_KEY = TEST_API_KEY;
  process.env.SESSION_SECRET = "x".repeat(40);
  process.env.ETORO_TIMEOUT_MS = "1500";
  client = await import("./agent-portfolios");
});
afterAll(() => sandbox?.close());
beforeEach(async () => {
  await control(sandbox, "POST", "/__sandbox/reset");
  await client.listPortfolios(alice, { fresh: true }).catch(() => undefined);
  await client.listPortfolios(bob, { fresh: true }).catch(() => undefined);
  await control(sandbox, "POST", "/__sandbox/stats/reset");
});

describe("reads", () => {
  it("ten concurrent list reads share one upstream call", async () => {
    await client.deletePortfolio(alice, "00000000-0000-4000-8000-000000000000").catch(() => undefined);
    await control(sandbox, "POST", "/__sandbox/stats/reset");
    await control(sandbox, "POST", "/__sandbox/faults", { latencyMs: 200 });
    const results = await Promise.all(Array.from({ length: 10 }, () => client.listPortfolios(alice)));
    expect(new Set(results.map((r) => r.requestId)).size).toBe(1);
    expect(await listCalls()).toBe(1);
  });

  it("caches per account: bob's read is not alice's", async () => {
    const [a, b] = await Promise.all([client.listPortfolios(alice, { fresh: true }), client.listPortfolios(bob, { fresh: true })]);
    expect(a.portfolios.map((p) => p.agentPortfolioName)).toContain("AlphaBot");
    expect(b.portfolios).toEqual([]);
    expect(await listCalls()).toBe(2);
  });

  it("reshapes tokens with status and risk", async () => {
    const { portfolios } = await client.listPortfolios(alice);
    const tokens = portfolios.flatMap((p) => p.userTokens);
    const live = tokens.find((t) => t.userTokenName === "live-trader")!;
    expect(live.risk.level).toBe("high");
    expect(live.expiresAt).toBeNull();
    expect(tokens.find((t) => t.userTokenName === "paper-trial")!.status).toBe("expired");
    expect(tokens.find((t) => t.userTokenName === "risk-monitor")!.status).toBe("expiring");
  });

  it("caches the allowed scopes", async () => {
    const first = await client.listAllowedScopes(alice);
    await client.listAllowedScopes(alice);
    expect(first).toEqual(expect.arrayContaining([REAL_READ, DEMO_READ]));
    const { body } = await control(sandbox, "GET", "/__sandbox/stats");
    expect(body.byRoute["GET /api/v2/agent-portfolios/user-tokens/scopes"] ?? 0).toBeLessThanOrEqual(1);
  });
});

describe("mutations", () => {
  it("drop the cached list, so the next read shows the change", async () => {
    const before = await client.listPortfolios(bob);
    expect(before.portfolios).toHaveLength(0);
    const created = await client.createPortfolio(bob, {
      agentPortfolioName: "BobPort",
      investmentAmountInUsd: 300,
      userTokenName: "first",
      scopeNames: [DEMO_READ],
    });
    expect(created.status).toBe(201);
    expect(created.token?.userToken).toMatch(/^sk_sandbox_/);
    expect(created.token?.secretHint).toBe(created.token?.userToken.slice(-4));
    const after = await client.listPortfolios(bob);
    expect(after.portfolios.map((p) => p.agentPortfolioName)).toEqual(["BobPort"]);
    expect(JSON.stringify(after)).not.toContain(created.token!.userToken);
  });

  it("report a 207 partial create as a portfolio without a token", async () => {
    await control(sandbox, "POST", "/__sandbox/faults", { partialCreate: true });
    const created = await client.createPortfolio(bob, {
      agentPortfolioName: "Partial1",
      investmentAmountInUsd: 300,
      userTokenName: "first",
      scopeNames: [DEMO_READ],
    });
    expect(created.status).toBe(207);
    expect(created.token).toBeNull();
  });

  it("mint, update and revoke a token", async () => {
    const { portfolios } = await client.listPortfolios(alice);
    const id = portfolios[0].agentPortfolioId;
    const { token } = await client.mintToken(alice, id, { userTokenName: "ci-token", scopeNames: [DEMO_READ] });
    await client.updateToken(alice, id, token.userTokenId, { ipsWhitelist: ["10.0.0.1"] });
    let listed = (await client.listPortfolios(alice)).portfolios[0].userTokens.find((t) => t.userTokenId === token.userTokenId);
    expect(listed?.ipsWhitelist).toEqual(["10.0.0.1"]);
    await client.revokeToken(alice, id, token.userTokenId);
    listed = (await client.listPortfolios(alice)).portfolios[0].userTokens.find((t) => t.userTokenId === token.userTokenId);
    expect(listed).toBeUndefined();
  });
});

describe("errors", () => {
  it("types eToro's errors with code, status and request id", async () => {
    const e = await client.listPortfolios({ apiKey: TEST_API_KEY, userKey: "nobody" }, { fresh: true }).catch((x) => x);
    expect(e).toBeInstanceOf(EtoroError);
    expect(e).toMatchObject({ kind: "upstream", status: 401, errorCode: "Unauthorized" });
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("passes Retry-After on", async () => {
    await control(sandbox, "POST", "/__sandbox/faults", { rateLimit: { retryAfterSeconds: 9 } });
    const e = await client.listPortfolios(alice, { fresh: true }).catch((x) => x);
    expect(e).toMatchObject({ status: 429, errorCode: "TooManyRequests", retryAfterSeconds: 9 });
  });

  it("gives up after the timeout, and says the timeout it really waited", async () => {
    await control(sandbox, "POST", "/__sandbox/faults", { latencyMs: 3000 });
    const e = await client.listPortfolios(alice, { fresh: true }).catch((x) => x);
    expect(e).toMatchObject({ kind: "timeout" });
    // ETORO_TIMEOUT_MS=1500: not rounded to "2 s".
    expect(e.message).toBe("eToro did not answer within 1.5 s.");
    await control(sandbox, "DELETE", "/__sandbox/faults");
  });

  it("refuses a malformed reply", async () => {
    await control(sandbox, "POST", "/__sandbox/faults", { malformed: true });
    const e = await client.listPortfolios(alice, { fresh: true }).catch((x) => x);
    expect(e).toMatchObject({ kind: "bad-response", errorCode: "UpstreamBadResponse" });
  });
});

describe("several instances", () => {
  it("a change made through another instance is seen once the session says it changed", async () => {
    const before = await client.listPortfolios(alice);
    const alpha = before.portfolios.find((p) => p.agentPortfolioName === "AlphaBot")!;
    const victim = alpha.userTokens[0];
    // "Another instance" revokes: straight to the sandbox, past this process's cache.
    const res = await fetch(`${sandbox.url}/api/v1/agent-portfolios/${alpha.agentPortfolioId}/user-tokens/${victim.userTokenId}`, {
      method: "DELETE",
      headers: { "x-api-key": TEST_API_KEY, "x-user-key": ALICE, "x-request-id": crypto.randomUUID() },
    });
    expect(res.status).toBe(204);
    const changedAt = Date.now();

    const stale = await client.listPortfolios(alice);
    expect(stale.portfolios.flatMap((p) => p.userTokens).some((t) => t.userTokenId === victim.userTokenId)).toBe(true);
    const fresh = await client.listPortfolios(alice, { changedAfter: changedAt });
    expect(fresh.portfolios.flatMap((p) => p.userTokens).some((t) => t.userTokenId === victim.userTokenId)).toBe(false);
    // And it is cached again for everyone after that.
    await control(sandbox, "POST", "/__sandbox/stats/reset");
    await client.listPortfolios(alice, { changedAfter: changedAt });
    expect(await listCalls()).toBe(0);
  });
});
