/**
 * Every success status of every operation (200, 201, 204, 207), on a fresh sandbox,
 * checked against the spec. The list comes from the spec (listDocumentedResponses), so
 * a new success status without a scenario fails the suite.
 */
import { describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { call, control, testSandboxOptions, type CallResult } from "../support/sandbox-client";
import { expectMatchesSpec, listDocumentedResponses } from "../support/spec-validator";

const V1 = "/api/v1/agent-portfolios";
const V2 = "/api/v2/agent-portfolios";

async function seeded(sandbox: RunningSandbox) {
  const list = await call(sandbox, "GET", V1);
  const portfolio = list.body.agentPortfolios[0];
  return { portfolioId: portfolio.agentPortfolioId as string, tokenId: portfolio.userTokens[0].userTokenId as string };
}

const IN_30_DAYS = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

type Check = (sandbox: RunningSandbox) => Promise<CallResult>;

const SCENARIOS: Record<string, Check> = {
  [`GET ${V1} 200`]: async (sandbox) => {
    const response = await call(sandbox, "GET", V1);
    expect(response.body.agentPortfolios.length).toBeGreaterThan(0);
    return response;
  },
  [`POST ${V1} 201`]: async (sandbox) => {
    const response = await call(sandbox, "POST", V1, {
      body: {
        agentPortfolioName: "V1Create",
        investmentAmountInUsd: 2000,
        agentPortfolioDescription: "made by v1",
        userTokenName: "first",
        scopeIds: [200, 203],
        ipsWhitelist: ["192.0.2.10"],
        expiresAt: IN_30_DAYS(),
      },
    });
    const token = response.body.userTokens[0];
    expect(token.scopeIds).toEqual([200, 203]);
    expect(token.scopeNames).toEqual(["etoro-public:trade.real:read", "etoro-public:trade.demo:write"]);
    expect(token.userToken).toMatch(/^sk_sandbox_/);
    return response;
  },
  [`POST ${V1} 207`]: async (sandbox) => {
    await control(sandbox, "POST", "/__sandbox/faults", { partialCreate: true, times: 1 });
    const response = await call(sandbox, "POST", V1, {
      body: { agentPortfolioName: "V1Partial", investmentAmountInUsd: 500, userTokenName: "first", scopeIds: [201] },
    });
    expect(response.body.userTokenCreated).toBe(false);
    return response;
  },
  [`DELETE ${V1}/{agentPortfolioId} 204`]: async (sandbox) => {
    const { portfolioId } = await seeded(sandbox);
    return call(sandbox, "DELETE", `${V1}/${portfolioId}`);
  },
  [`POST ${V1}/{agentPortfolioId}/user-tokens 201`]: async (sandbox) => {
    const { portfolioId } = await seeded(sandbox);
    const response = await call(sandbox, "POST", `${V1}/${portfolioId}/user-tokens`, {
      body: { userTokenName: "v1-mint", scopeNames: ["etoro-public:demo:read"] },
    });
    expect(response.body.scopeNames).toEqual(["etoro-public:trade.demo:read"]);
    expect(response.body.expiresAt).toBeNull();
    return response;
  },
  [`DELETE ${V1}/{agentPortfolioId}/user-tokens/{userTokenId} 204`]: async (sandbox) => {
    const { portfolioId, tokenId } = await seeded(sandbox);
    return call(sandbox, "DELETE", `${V1}/${portfolioId}/user-tokens/${tokenId}`);
  },
  [`PATCH ${V1}/{agentPortfolioId}/user-tokens/{userTokenId} 204`]: async (sandbox) => {
    const { portfolioId, tokenId } = await seeded(sandbox);
    return call(sandbox, "PATCH", `${V1}/${portfolioId}/user-tokens/${tokenId}`, { body: { scopeIds: [200] } });
  },
  [`POST ${V2} 201`]: async (sandbox) => {
    const response = await call(sandbox, "POST", V2, {
      body: {
        agentPortfolioName: "V2Create",
        investmentAmountInUsd: 200,
        userTokenName: "first",
        scopeNames: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
      },
    });
    expect(response.body.userTokens[0].scopes).toEqual([
      { name: "etoro-public:trade.demo:read" },
      { name: "etoro-public:trade.demo:write" },
    ]);
    expect(response.body.agentPortfolioVirtualBalance).toBe(10000);
    return response;
  },
  [`POST ${V2} 207`]: async (sandbox) => {
    await control(sandbox, "POST", "/__sandbox/faults", { partialCreate: true, times: 1 });
    const response = await call(sandbox, "POST", V2, {
      body: {
        agentPortfolioName: "V2Partial",
        investmentAmountInUsd: 500,
        userTokenName: "first",
        scopeNames: ["etoro-public:trade.demo:read"],
      },
    });
    expect(response.body.userTokenCreated).toBe(false);
    return response;
  },
  [`GET ${V2}/user-tokens/scopes 200`]: async (sandbox) => {
    const response = await call(sandbox, "GET", `${V2}/user-tokens/scopes`);
    expect(response.body.scopes).toHaveLength(4);
    return response;
  },
  [`POST ${V2}/{agentPortfolioId}/user-tokens 201`]: async (sandbox) => {
    const { portfolioId } = await seeded(sandbox);
    const expiresAt = IN_30_DAYS();
    const response = await call(sandbox, "POST", `${V2}/${portfolioId}/user-tokens`, {
      body: { userTokenName: "v2-mint", scopeNames: ["etoro-public:trade.real:read"], expiresAt },
    });
    expect(response.body.expiresAt).toBe(expiresAt);
    return response;
  },
  [`PATCH ${V2}/{agentPortfolioId}/user-tokens/{userTokenId} 204`]: async (sandbox) => {
    const { portfolioId, tokenId } = await seeded(sandbox);
    return call(sandbox, "PATCH", `${V2}/${portfolioId}/user-tokens/${tokenId}`, {
      body: { scopeNames: ["etoro-public:trade.real:read"] },
    });
  },
};

const SUCCESSES = listDocumentedResponses().filter((response) => response.status < 300);

describe("every success status in the spec", () => {
  it("has a scenario, and every scenario names a documented success", () => {
    const keys = SUCCESSES.map(({ method, path, status }) => `${method} ${path} ${status}`);
    expect(keys.filter((key) => !SCENARIOS[key])).toEqual([]);
    expect(Object.keys(SCENARIOS).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it.each(SUCCESSES.map((success) => ({ ...success, title: `${success.method} ${success.path} ${success.status}` })))(
    "$title",
    async ({ method, path, status, title }) => {
      const sandbox = await startSandbox(testSandboxOptions());
      try {
        const response = await SCENARIOS[title](sandbox);
        expect(response.status).toBe(status);
        expectMatchesSpec(method, path, status, response.body, { strict: true });
      } finally {
        await sandbox.close();
      }
    },
  );
});
