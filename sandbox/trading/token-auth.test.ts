/**
 * Who may trade, over real HTTP: a user token minted by the sandbox trades only while it
 * is live (revoked, unknown, expired: 401), from a whitelisted address (else 403), with
 * the operation's scope (else 403), within its own quota (429 + Retry-After).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ALICE, BOB, call, testSandboxOptions } from "../../tests/support/sandbox-client";
import { validateResponse } from "../../tests/support/spec-validator";
import { callFrom, mintTradingToken } from "../../tests/support/trading-tokens";
import { startSandbox, type RunningSandbox, type StartOptions } from "../server";

const DEMO_PORTFOLIO = "/api/v1/trading/info/demo/portfolio";
const REAL_PORTFOLIO = "/api/v1/trading/info/portfolio";
const DEMO_OPEN = "/api/v1/trading/execution/demo/market-open-orders/by-amount";
const OPEN_BODY = { InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: 100 };
const T0 = Date.UTC(2026, 2, 2, 9, 30, 0);

describe("trading auth", () => {
  let sandbox: RunningSandbox | undefined;
  let nowMs = T0;
  async function start(options: StartOptions = {}): Promise<RunningSandbox> {
    nowMs = T0;
    sandbox = await startSandbox({ ...testSandboxOptions(), clock: () => nowMs, ...options });
    return sandbox;
  }
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it("refuses an unknown secret, and a revoked token, with 401", async () => {
    const target = await start();
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: "sk_sandbox_not-a-real-token" })).status).toBe(401);
    const token = await mintTradingToken(target);
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: token.secret })).status).toBe(200);
    await call(target, "DELETE", `/api/v1/agent-portfolios/${token.portfolioId}/user-tokens/${token.tokenId}`);
    const refused = await call(target, "GET", DEMO_PORTFOLIO, { userKey: token.secret });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errorCode: "Unauthorized", errorMessage: "Unauthorized" });
  });

  it("refuses every token of a deleted portfolio", async () => {
    const target = await start();
    const token = await mintTradingToken(target);
    await call(target, "POST", DEMO_OPEN, { userKey: token.secret, body: OPEN_BODY });
    expect((await call(target, "DELETE", `/api/v1/agent-portfolios/${token.portfolioId}`)).status).toBe(204);
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: token.secret })).status).toBe(401);
  });

  it("refuses an expired token with 401 once its expiry passes on the sandbox's clock", async () => {
    const target = await start();
    const token = await mintTradingToken(target, { expiresAt: new Date(T0 + 3_600_000).toISOString() });
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: token.secret })).status).toBe(200);
    nowMs = T0 + 3_600_000;
    const refused = await call(target, "GET", DEMO_PORTFOLIO, { userKey: token.secret });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errorCode: "Unauthorized", errorMessage: "User token has expired" });
  });

  it("needs the operation's own scope: demo vs real, read vs write (write does not imply read)", async () => {
    const target = await start();
    const reader = await mintTradingToken(target, { scopes: ["etoro-public:trade.demo:read"] });
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: reader.secret })).status).toBe(200);
    const realRead = await call(target, "GET", REAL_PORTFOLIO, { userKey: reader.secret });
    expect(realRead.status).toBe(403);
    expect(realRead.body.errorCode).toBe("Forbidden");
    expect(realRead.body.errorMessage).toContain("etoro-public:trade.real:read");
    expect((await call(target, "POST", DEMO_OPEN, { userKey: reader.secret, body: OPEN_BODY })).status).toBe(403);

    const writer = await mintTradingToken(target, { scopes: ["etoro-public:trade.demo:write"] });
    expect((await call(target, "POST", DEMO_OPEN, { userKey: writer.secret, body: OPEN_BODY })).status).toBe(200);
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: writer.secret })).status).toBe(403);
    // v2 operations answer the same refusal as ProblemDetails.
    const v2 = await call(target, "GET", "/api/v2/trading/info/demo/orders:lookup?orderId=1", { userKey: writer.secret });
    expect(v2.body).toMatchObject({ status: 403, title: "Forbidden", errorCode: "Forbidden" });
    // Market data and /me need only a live key.
    expect((await call(target, "GET", "/api/v1/me", { userKey: writer.secret })).status).toBe(200);
    expect((await call(target, "GET", "/api/v1/market-data/instruments/rates?instrumentIds=1", { userKey: writer.secret })).status).toBe(200);
  });

  it("lets a whitelisted loopback address through and refuses 127.0.0.1 with 403", async () => {
    const target = await start();
    const token = await mintTradingToken(target, { ips: ["127.0.0.2"] });
    expect((await callFrom(target, "127.0.0.2", "GET", DEMO_PORTFOLIO, { userKey: token.secret })).status).toBe(200);
    const refused = await callFrom(target, "127.0.0.1", "GET", DEMO_PORTFOLIO, { userKey: token.secret });
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe("IpNotAllowed");
    const open = await mintTradingToken(target);
    expect((await callFrom(target, "127.0.0.3", "GET", DEMO_PORTFOLIO, { userKey: open.secret })).status).toBe(200);
  });

  it("gives each token its own quota, answered with 429 and Retry-After", async () => {
    const target = await start({ rateLimit: 4 });
    const first = await mintTradingToken(target);
    const second = await mintTradingToken(target);
    for (let i = 0; i < 4; i += 1) expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: first.secret })).status).toBe(200);
    const refused = await call(target, "GET", DEMO_PORTFOLIO, { userKey: first.secret });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ errorCode: "TooManyRequests", errorMessage: "Too many requests" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: second.secret })).status).toBe(200);
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: BOB })).status).toBe(200);
  });

  it("keeps tokens out of the agent-portfolio endpoints, and checks x-api-key on trading paths", async () => {
    const target = await start();
    const token = await mintTradingToken(target);
    expect((await call(target, "GET", "/api/v1/agent-portfolios", { userKey: token.secret })).status).toBe(401);
    expect((await call(target, "GET", DEMO_PORTFOLIO, { userKey: ALICE, apiKey: "wrong" })).status).toBe(401);
  });

  it("the spec check these tests lean on refuses an off-contract reply", () => {
    expect(validateResponse("GET", "/api/v1/me", 200, { gcid: "nope" }, { strict: true }).valid).toBe(false);
    expect(validateResponse("GET", DEMO_PORTFOLIO, 200, { clientPortfolio: { extra: 1 } }, { strict: true }).valid).toBe(false);
    expect(validateResponse("POST", "/api/v2/trading/execution/orders", 400, { title: "Bad Request" }, { strict: true }).valid).toBe(false);
  });
});
