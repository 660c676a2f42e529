import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, testSandboxOptions } from "../tests/support/sandbox-client";
import { startSandbox, type RunningSandbox } from "./server";

const V1 = "/api/v1/agent-portfolios";
const V2 = "/api/v2/agent-portfolios";

function v2Body(overrides: Record<string, unknown> = {}) {
  return {
    agentPortfolioName: "NewPort1",
    investmentAmountInUsd: 500,
    userTokenName: "agent",
    scopeNames: ["etoro-public:trade.demo:read"],
    ...overrides,
  };
}

function v1Body(overrides: Record<string, unknown> = {}) {
  return { agentPortfolioName: "NewPort1", investmentAmountInUsd: 500, userTokenName: "agent", scopeIds: [201], ...overrides };
}

describe("portfolios", () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox(testSandboxOptions());
  });
  afterEach(() => sandbox.close());

  const validation = (errorMessage: string) => ({ errorCode: "ValidationFailed", errorMessage });

  it.each([
    ["5 characters", "Five5"],
    ["11 characters", "ElevenChars"],
    ["only spaces around 5", "  Five5  "],
    ["empty", ""],
  ])("refuses a name of %s", async (_label, agentPortfolioName) => {
    for (const [path, body] of [
      [V1, v1Body({ agentPortfolioName })],
      [V2, v2Body({ agentPortfolioName })],
    ] as const) {
      const response = await call(sandbox, "POST", path, { body });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(validation("Agent-portfolio name must be between 6 and 10 characters"));
    }
  });

  it("accepts names of 6 and 10 characters", async () => {
    expect((await call(sandbox, "POST", V2, { body: v2Body({ agentPortfolioName: "Six666" }) })).status).toBe(201);
    expect((await call(sandbox, "POST", V1, { body: v1Body({ agentPortfolioName: "TenTenTen1" }) })).status).toBe(201);
  });

  it("refuses a duplicate name, case-insensitively, and frees it on delete", async () => {
    const duplicate = await call(sandbox, "POST", V2, { body: v2Body({ agentPortfolioName: "alphabot" }) });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual(validation("Agent-portfolio name already exists"));

    const list = await call(sandbox, "GET", V1);
    const alpha = list.body.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "AlphaBot");
    expect((await call(sandbox, "DELETE", `${V1}/${alpha.agentPortfolioId}`)).status).toBe(204);
    expect((await call(sandbox, "POST", V2, { body: v2Body({ agentPortfolioName: "ALPHABOT" }) })).status).toBe(201);
  });

  it.each([
    [199.99, "Investment amount is below the minimum threshold"],
    [-5, "Investment amount is below the minimum threshold"],
    ["500", "investmentAmountInUsd must be a number"],
    [null, "investmentAmountInUsd is required"],
  ])("refuses investmentAmountInUsd %j", async (investmentAmountInUsd, message) => {
    const response = await call(sandbox, "POST", V2, { body: v2Body({ investmentAmountInUsd }) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(validation(message));
  });

  it("accepts exactly 200 USD", async () => {
    expect((await call(sandbox, "POST", V2, { body: v2Body({ investmentAmountInUsd: 200 }) })).status).toBe(201);
  });

  it.each([
    ["agentPortfolioName", "agentPortfolioName is required"],
    ["investmentAmountInUsd", "investmentAmountInUsd is required"],
    ["userTokenName", "userTokenName is required"],
  ])("names the missing field %s", async (field, message) => {
    const body: Record<string, unknown> = v2Body();
    delete body[field];
    const response = await call(sandbox, "POST", V2, { body });
    expect(response.body).toEqual(validation(message));
  });

  it.each([
    [{ agentPortfolioName: 12345678 }, "agentPortfolioName must be a string"],
    [{ agentPortfolioDescription: 42 }, "agentPortfolioDescription must be a string"],
    [{ userTokenName: ["x"] }, "userTokenName must be a string"],
    [{ userTokenName: "   " }, "userTokenName must be between 1 and 64 characters"],
    [{ scopeNames: "etoro-public:trade.demo:read" }, "scopeNames must be an array of strings"],
    [{ ipsWhitelist: "1.2.3.4" }, "ipsWhitelist must be an array of IPv4 addresses"],
    [{ expiresAt: "tomorrow" }, "expiresAt must be an ISO 8601 date-time string"],
    [{ expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt must be in the future"],
  ])("refuses a wrong type or value: %j", async (overrides, message) => {
    const response = await call(sandbox, "POST", V2, { body: v2Body(overrides) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(validation(message));
  });

  it("answers v2 create with a disallowed scope with 400 ScopeNameNotAllowed, missing scopes with ScopeIdsRequired", async () => {
    const bad = await call(sandbox, "POST", V2, { body: v2Body({ scopeNames: ["etoro-public:real:read"] }) });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe("ScopeNameNotAllowed");
    for (const scopeNames of [undefined, []]) {
      const missing = await call(sandbox, "POST", V2, { body: v2Body({ scopeNames }) });
      expect(missing.body).toEqual({ errorCode: "ScopeIdsRequired", errorMessage: "ScopeNames is required" });
    }
  });

  it("v1 create needs scopeIds or scopeNames and maps them to v2 names", async () => {
    const missing = await call(sandbox, "POST", V1, { body: v1Body({ scopeIds: undefined }) });
    expect(missing.body).toEqual({ errorCode: "ScopeIdsRequired", errorMessage: "ScopeIds is required" });
    const created = await call(sandbox, "POST", V1, {
      body: v1Body({ scopeIds: undefined, scopeNames: ["etoro-public:real:read", "etoro-public:demo:write"] }),
    });
    expect(created.status).toBe(201);
    expect(created.body.userTokens[0].scopeIds).toEqual([200, 203]);
    expect(created.body.userTokens[0].scopeNames).toEqual(["etoro-public:trade.real:read", "etoro-public:trade.demo:write"]);
  });

  it("creates a portfolio the list then shows, with createdAt and its first token", async () => {
    const before = Date.now();
    const created = await call(sandbox, "POST", V2, {
      body: v2Body({ agentPortfolioName: "  Trimmed1 ", agentPortfolioDescription: "desc", ipsWhitelist: ["10.0.0.1", "10.0.0.1"] }),
    });
    expect(created.status).toBe(201);
    expect(created.body.agentPortfolioName).toBe("Trimmed1");
    expect(created.body.agentPortfolioGcid).toBeGreaterThanOrEqual(10_000_000);
    expect(created.body.agentPortfolioGcid).toBeLessThan(100_000_000);
    expect(Number.isInteger(created.body.mirrorId)).toBe(true);
    expect(created.body.userTokens[0].ipsWhitelist).toEqual(["10.0.0.1"]);
    expect(created.body.userTokens[0]).not.toHaveProperty("expiresAt");

    const list = await call(sandbox, "GET", V1);
    const listed = list.body.agentPortfolios.at(-1);
    expect(listed.agentPortfolioId).toBe(created.body.agentPortfolioId);
    expect(Date.parse(listed.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(listed.userTokens).toHaveLength(1);
    expect(listed.userTokens[0].userTokenId).toBe(created.body.userTokens[0].userTokenId);
    expect(listed.userTokens[0]).not.toHaveProperty("expiresAt");
  });

  it("deleting a portfolio revokes its tokens", async () => {
    const list = await call(sandbox, "GET", V1);
    const portfolio = list.body.agentPortfolios[0];
    const tokenId = portfolio.userTokens[0].userTokenId;
    expect((await call(sandbox, "DELETE", `${V1}/${portfolio.agentPortfolioId}`)).status).toBe(204);

    const after = await call(sandbox, "GET", V1);
    expect(after.body.agentPortfolios.map((p: { agentPortfolioId: string }) => p.agentPortfolioId)).not.toContain(
      portfolio.agentPortfolioId,
    );
    expect(after.text).not.toContain(tokenId);
    const patch = await call(sandbox, "PATCH", `${V2}/${portfolio.agentPortfolioId}/user-tokens/${tokenId}`, {
      body: { ipsWhitelist: [] },
    });
    expect(patch.status).toBe(404);
    expect((await call(sandbox, "DELETE", `${V1}/${portfolio.agentPortfolioId}/user-tokens/${tokenId}`)).status).toBe(404);
    expect((await call(sandbox, "DELETE", `${V1}/${portfolio.agentPortfolioId}`)).status).toBe(404);
  });

  it("refuses a malformed portfolio id with 400 before looking it up", async () => {
    const response = await call(sandbox, "DELETE", `${V1}/1234`);
    expect(response.body).toEqual(validation("Invalid agent-portfolio ID"));
    const mint = await call(sandbox, "POST", `${V2}/1234/user-tokens`, {
      body: { userTokenName: "x", scopeNames: ["etoro-public:trade.demo:read"] },
    });
    expect(mint.body).toEqual(validation("Invalid agent-portfolio ID"));
  });
});
