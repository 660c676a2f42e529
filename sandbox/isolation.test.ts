import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALICE, BOB, call, testSandboxOptions } from "../tests/support/sandbox-client";
import { startSandbox, type RunningSandbox } from "./server";

const V1 = "/api/v1/agent-portfolios";
const V2 = "/api/v2/agent-portfolios";

describe("accounts are isolated per user key", () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox(testSandboxOptions());
  });
  afterEach(() => sandbox.close());

  async function bobPortfolio() {
    const created = await call(sandbox, "POST", V2, {
      userKey: BOB,
      body: {
        agentPortfolioName: "BobsPort",
        investmentAmountInUsd: 300,
        userTokenName: "bob-agent",
        scopeNames: ["etoro-public:trade.demo:read"],
      },
    });
    expect(created.status).toBe(201);
    return { portfolioId: created.body.agentPortfolioId as string, tokenId: created.body.userTokens[0].userTokenId as string };
  }

  it("bob starts empty and sees none of alice's portfolios", async () => {
    const alice = await call(sandbox, "GET", V1, { userKey: ALICE });
    const bob = await call(sandbox, "GET", V1, { userKey: BOB });
    expect(alice.body.agentPortfolios.length).toBeGreaterThan(0);
    expect(bob.body).toEqual({ agentPortfolios: [] });
  });

  it("alice cannot delete, mint on, edit or revoke in bob's portfolio (404)", async () => {
    const { portfolioId, tokenId } = await bobPortfolio();
    const asAlice = { userKey: ALICE };
    expect((await call(sandbox, "DELETE", `${V1}/${portfolioId}`, asAlice)).body.errorMessage).toBe(
      "Agent-portfolio not found",
    );
    expect(
      (await call(sandbox, "POST", `${V2}/${portfolioId}/user-tokens`, {
        ...asAlice,
        body: { userTokenName: "sneaky", scopeNames: ["etoro-public:trade.real:write"] },
      })).status,
    ).toBe(404);
    expect(
      (await call(sandbox, "PATCH", `${V2}/${portfolioId}/user-tokens/${tokenId}`, {
        ...asAlice,
        body: { scopeNames: ["etoro-public:trade.real:write"] },
      })).status,
    ).toBe(404);
    expect((await call(sandbox, "DELETE", `${V1}/${portfolioId}/user-tokens/${tokenId}`, asAlice)).status).toBe(404);

    const bob = await call(sandbox, "GET", V1, { userKey: BOB });
    expect(bob.body.agentPortfolios).toHaveLength(1);
    expect(bob.body.agentPortfolios[0].userTokens[0].scopeNames).toEqual(["etoro-public:trade.demo:read"]);
  });

  it("portfolio names are unique per account, not across accounts", async () => {
    const body = {
      agentPortfolioName: "AlphaBot",
      investmentAmountInUsd: 300,
      userTokenName: "agent",
      scopeNames: ["etoro-public:trade.demo:read"],
    };
    expect((await call(sandbox, "POST", V2, { userKey: BOB, body })).status).toBe(201);
    expect((await call(sandbox, "POST", V2, { userKey: ALICE, body })).status).toBe(400);
  });
});
