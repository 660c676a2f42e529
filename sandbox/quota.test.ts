import { afterEach, describe, expect, it } from "vitest";
import { ALICE, BOB, call, testSandboxOptions } from "../tests/support/sandbox-client";
import { RateLimiter } from "./rate-limit";
import { startSandbox, type RunningSandbox } from "./server";

const SCOPES = "/api/v2/agent-portfolios/user-tokens/scopes";

describe("quota over HTTP", () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it("answers the 4th call in a minute with 429 and a numeric Retry-After when rateLimit is 3", async () => {
    sandbox = await startSandbox(testSandboxOptions({ rateLimit: 3 }));
    for (let i = 0; i < 3; i += 1) expect((await call(sandbox, "GET", SCOPES)).status).toBe(200);
    const refused = await call(sandbox, "GET", "/api/v1/agent-portfolios");
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ errorCode: "TooManyRequests", errorMessage: "Too many requests" });
    const retryAfter = refused.headers.get("retry-after");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it("keeps one budget per user key: bob is unaffected by alice", async () => {
    sandbox = await startSandbox(testSandboxOptions({ rateLimit: 3 }));
    for (let i = 0; i < 3; i += 1) await call(sandbox, "GET", SCOPES, { userKey: ALICE });
    expect((await call(sandbox, "GET", SCOPES, { userKey: ALICE })).status).toBe(429);
    expect((await call(sandbox, "GET", SCOPES, { userKey: BOB })).status).toBe(200);
  });

  it("shares one budget across every endpoint, errors included", async () => {
    sandbox = await startSandbox(testSandboxOptions({ rateLimit: 2 }));
    expect((await call(sandbox, "DELETE", "/api/v1/agent-portfolios/not-a-uuid")).status).toBe(400);
    expect((await call(sandbox, "GET", SCOPES)).status).toBe(200);
    expect((await call(sandbox, "POST", "/api/v2/agent-portfolios", { body: {} })).status).toBe(429);
  });

  it("checks auth before the quota: a wrong key is 401 and spends nothing", async () => {
    sandbox = await startSandbox(testSandboxOptions({ rateLimit: 1 }));
    expect((await call(sandbox, "GET", SCOPES, { apiKey: "wrong" })).status).toBe(401);
    expect((await call(sandbox, "GET", SCOPES)).status).toBe(200);
    expect((await call(sandbox, "GET", SCOPES, { apiKey: "wrong" })).status).toBe(401);
  });

  it("has no quota with rateLimit 0", async () => {
    sandbox = await startSandbox(testSandboxOptions({ rateLimit: 0 }));
    const statuses = await Promise.all(Array.from({ length: 150 }, () => call(sandbox!, "GET", SCOPES)));
    expect(statuses.every((response) => response.status === 200)).toBe(true);
  });

  it("frees the budget once a configured, shorter window has passed (eToro's 60 s by default)", async () => {
    sandbox = await startSandbox(testSandboxOptions({ rateLimit: 1, quotaWindowMs: 300 }));
    expect((await call(sandbox, "GET", SCOPES)).status).toBe(200);
    const refused = await call(sandbox, "GET", SCOPES);
    expect(refused.status).toBe(429);
    // Retry-After is whole seconds, at least 1, whatever the window.
    expect(refused.headers.get("retry-after")).toBe("1");
    await expect.poll(async () => (await call(sandbox!, "GET", SCOPES)).status, { timeout: 5_000, interval: 50 }).toBe(200);
  });

  it("clears the counters on /__sandbox/reset", async () => {
    sandbox = await startSandbox(testSandboxOptions({ rateLimit: 1 }));
    await call(sandbox, "GET", SCOPES);
    expect((await call(sandbox, "GET", SCOPES)).status).toBe(429);
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST", headers: { "x-sandbox-control": "1" } });
    expect((await call(sandbox, "GET", SCOPES)).status).toBe(200);
  });
});

describe("RateLimiter (sliding window)", () => {
  it("frees a slot 60 s after the oldest request and reports the wait in whole seconds", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect(limiter.take("k").allowed).toBe(true);
    now += 10_500;
    expect(limiter.take("k").allowed).toBe(true);
    now += 1_000;
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 49 });
    now = 1_000_000 + 59_999;
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1;
    expect(limiter.take("k").allowed).toBe(true);
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 11 });
  });

  it("does not charge refused requests", () => {
    let now = 0;
    const limiter = new RateLimiter(1, 60_000, () => now);
    limiter.take("k");
    for (let i = 0; i < 5; i += 1) {
      now += 10_000;
      limiter.take("k");
    }
    now = 60_001;
    expect(limiter.take("k").allowed).toBe(true);
  });
});
