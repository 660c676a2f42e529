import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, control, testSandboxOptions } from "../tests/support/sandbox-client";
import { FaultRegistry, parseFaultSpec } from "./faults";
import { startSandbox, type RunningSandbox } from "./server";

const V1 = "/api/v1/agent-portfolios";
const V2 = "/api/v2/agent-portfolios";
const SCOPES = `${V2}/user-tokens/scopes`;

function createBody(name: string) {
  return { agentPortfolioName: name, investmentAmountInUsd: 500, userTokenName: "agent", scopeNames: ["etoro-public:trade.demo:read"] };
}

describe("faults over HTTP", () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox(testSandboxOptions());
  });
  afterEach(() => sandbox.close());

  const addFault = async (fault: unknown) => expect((await control(sandbox, "POST", "/__sandbox/faults", fault)).status).toBe(204);

  it("latencyMs delays matching responses only", async () => {
    await addFault({ latencyMs: 400, match: { path: "/scopes$" } });
    let started = performance.now();
    expect((await call(sandbox, "GET", SCOPES)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
    started = performance.now();
    await call(sandbox, "GET", V1);
    expect(performance.now() - started).toBeLessThan(380);
  });

  it("lateAnswerMs makes the change, then answers late: a client that gave up finds it done", async () => {
    await addFault({ lateAnswerMs: 5_000, match: { method: "POST" } });
    const { body: listed } = await call(sandbox, "GET", V1);
    const portfolioId = listed.agentPortfolios[0].agentPortfolioId;
    const gaveUp = await fetch(`${sandbox.url}/api/v2/agent-portfolios/${portfolioId}/user-tokens`, {
      method: "POST",
      headers: { "x-api-key": "sandbox-api-key", "x-user-key": "sandbox-alice", "x-request-id": crypto.randomUUID(), "content-type": "application/json" },
      body: JSON.stringify({ userTokenName: "answer-lost", scopeNames: ["etoro-public:trade.demo:read"] }),
      signal: AbortSignal.timeout(300),
    }).catch((e: Error) => e);
    expect(gaveUp).toBeInstanceOf(Error);
    const { body: after } = await call(sandbox, "GET", V1);
    const names = after.agentPortfolios.flatMap((p: { userTokens: { userTokenName: string }[] }) => p.userTokens.map((t) => t.userTokenName));
    expect(names).toContain("answer-lost");
  });

  it("status answers with the spec's 500 body; times clears it after that many requests", async () => {
    await addFault({ status: 503, times: 2 });
    for (let i = 0; i < 2; i += 1) {
      const failed = await call(sandbox, "GET", V1);
      expect(failed.status).toBe(503);
      expect(failed.body).toEqual({ errorCode: "UnhandledException", errorMessage: "Global Error" });
    }
    expect((await call(sandbox, "GET", V1)).status).toBe(200);
    expect((await control(sandbox, "GET", "/__sandbox/faults")).body).toEqual({ faults: [] });
  });

  it("match narrows a fault by method and path", async () => {
    await addFault({ status: 500, match: { method: "post", path: "^/api/v2/agent-portfolios$" } });
    expect((await call(sandbox, "GET", V1)).status).toBe(200);
    expect((await call(sandbox, "POST", V2, { body: createBody("Matched1") })).status).toBe(500);
  });

  it("errorRate 0 never fires", async () => {
    await addFault({ status: 500, errorRate: 0 });
    for (let i = 0; i < 10; i += 1) expect((await call(sandbox, "GET", SCOPES)).status).toBe(200);
  });

  it("rateLimit answers 429 TooManyRequests with the given Retry-After", async () => {
    await addFault({ rateLimit: { retryAfterSeconds: 7 }, times: 1 });
    const limited = await call(sandbox, "GET", V1);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ errorCode: "TooManyRequests", errorMessage: "Too many requests" });
    expect(limited.headers.get("retry-after")).toBe("7");
    await addFault({ rateLimit: true, times: 1 });
    expect(Number((await call(sandbox, "GET", V1)).headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("partialCreate creates the portfolio but answers 207 with no token stored", async () => {
    await addFault({ partialCreate: true, times: 1 });
    const partial = await call(sandbox, "POST", V2, { body: createBody("Partial1") });
    expect(partial.status).toBe(207);
    expect(partial.body).toMatchObject({ agentPortfolioName: "Partial1", userTokenCreated: false });
    expect(partial.body).not.toHaveProperty("userTokens");

    const list = await call(sandbox, "GET", V1);
    const stored = list.body.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "Partial1");
    expect(stored.agentPortfolioId).toBe(partial.body.agentPortfolioId);
    expect(stored.userTokens).toEqual([]);
    expect((await call(sandbox, "POST", V2, { body: createBody("Partial2") })).status).toBe(201);
  });

  it("partialCreate is spent only by a create that gets that far", async () => {
    await addFault({ partialCreate: true, times: 1 });
    await call(sandbox, "GET", V1);
    expect((await call(sandbox, "POST", V2, { body: createBody("x") })).status).toBe(400);
    expect((await call(sandbox, "POST", V1, { body: { ...createBody("Partial3"), scopeIds: [200] } })).status).toBe(207);
  });

  it("malformed answers 200 with a body that is not JSON", async () => {
    await addFault({ malformed: true, times: 1 });
    const broken = await call(sandbox, "GET", V1, { validate: false });
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.text)).toThrow();
    await expect(async () => {
      await addFault({ malformed: true, times: 1 });
      await call(sandbox, "GET", V1);
    }).rejects.toThrow(/not JSON/);
  });

  it("stacks: latency from one rule plus the status of another", async () => {
    await addFault({ latencyMs: 200 });
    await addFault({ status: 502, times: 1 });
    const started = performance.now();
    expect((await call(sandbox, "GET", V1)).status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect((await control(sandbox, "GET", "/__sandbox/faults")).body.faults).toHaveLength(1);
  });

  it("faults come after auth, and DELETE /__sandbox/faults or reset clears them", async () => {
    await addFault({ status: 500 });
    expect((await call(sandbox, "GET", V1, { apiKey: "wrong" })).status).toBe(401);
    expect((await call(sandbox, "GET", V1)).status).toBe(500);
    expect((await control(sandbox, "DELETE", "/__sandbox/faults")).status).toBe(204);
    expect((await call(sandbox, "GET", V1)).status).toBe(200);
    await addFault({ status: 500 });
    expect((await control(sandbox, "POST", "/__sandbox/reset")).status).toBe(204);
    expect((await call(sandbox, "GET", V1)).status).toBe(200);
  });

  it.each([
    [{}, /at least one/],
    [{ status: 200 }, /status/],
    [{ errorRate: 2, status: 500 }, /errorRate/],
    [{ latencyMs: "slow" }, /latencyMs/],
    [{ status: 500, match: { path: "(" } }, /match.path/],
    [{ status: 500, bogus: true }, /bogus/],
    [[], /JSON object/],
  ])("refuses fault %j with 400", async (fault, message) => {
    const response = await control(sandbox, "POST", "/__sandbox/faults", fault);
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe("ValidationFailed");
    expect(response.body.errorMessage).toMatch(message);
  });
});

describe("FaultRegistry", () => {
  it("rolls errorRate with the given random source", () => {
    const rolls = [0.1, 0.9];
    const registry = new FaultRegistry(() => rolls.shift() ?? 0);
    registry.add(parseFaultSpec({ status: 500, errorRate: 0.5 }));
    expect(registry.plan("GET", "/api/x").answer?.kind).toBe("error");
    expect(registry.plan("GET", "/api/x").answer).toBeUndefined();
  });

  it("lists rules with what is left of `times`", () => {
    const registry = new FaultRegistry();
    registry.add(parseFaultSpec({ latencyMs: 10, times: 3 }));
    registry.plan("GET", "/api/x");
    expect(registry.list()).toEqual([{ id: 1, latencyMs: 10, times: 3, remaining: 2, errorRate: 1 }]);
  });
});
