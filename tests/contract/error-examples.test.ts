/**
 * One test per error example the spec documents: provoke it on a fresh sandbox and
 * check the status and the exact errorCode / errorMessage. The list comes from the spec
 * itself (listErrorExamples), so a new example without a scenario fails the suite.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../sandbox/server";
import { call, control, testSandboxOptions, type CallResult } from "../support/sandbox-client";
import { listErrorExamples, type ErrorExample } from "../support/spec-validator";

const V1 = "/api/v1/agent-portfolios";
const V2 = "/api/v2/agent-portfolios";
const PORTFOLIO = `${V1}/{agentPortfolioId}`;
const MINT_V1 = `${V1}/{agentPortfolioId}/user-tokens`;
const TOKEN_V1 = `${V1}/{agentPortfolioId}/user-tokens/{userTokenId}`;
const MINT_V2 = `${V2}/{agentPortfolioId}/user-tokens`;
const TOKEN_V2 = `${V2}/{agentPortfolioId}/user-tokens/{userTokenId}`;
const SCOPES = `${V2}/user-tokens/scopes`;

interface Ids {
  agentPortfolioId: string;
  userTokenId: string;
}

/** Alice's first seeded portfolio ("AlphaBot") and its first token ("live-trader"). */
async function seeded(sandbox: RunningSandbox): Promise<Ids & { tokenName: string }> {
  const list = await call(sandbox, "GET", V1);
  const portfolio = list.body.agentPortfolios[0];
  return {
    agentPortfolioId: portfolio.agentPortfolioId,
    userTokenId: portfolio.userTokens[0].userTokenId,
    tokenName: portfolio.userTokens[0].userTokenName,
  };
}

function randomIds(): Ids {
  return { agentPortfolioId: randomUUID(), userTokenId: randomUUID() };
}

function fill(template: string, ids: Partial<Ids>): string {
  return template
    .replace("{agentPortfolioId}", ids.agentPortfolioId ?? randomUUID())
    .replace("{userTokenId}", ids.userTokenId ?? randomUUID());
}

/** A body each operation would accept, so cross-cutting errors are the only thing wrong. */
function validBody(method: string, path: string): unknown {
  if (method === "POST" && path === V1) {
    return { agentPortfolioName: "NewPort1", investmentAmountInUsd: 500, userTokenName: "agent", scopeIds: [201] };
  }
  if (method === "POST" && path === V2) {
    return {
      agentPortfolioName: "NewPort1",
      investmentAmountInUsd: 500,
      userTokenName: "agent",
      scopeNames: ["etoro-public:trade.demo:read"],
    };
  }
  if (method === "POST" && path === MINT_V1) return { userTokenName: "fresh", scopeIds: [201] };
  if (method === "POST" && path === MINT_V2) return { userTokenName: "fresh", scopeNames: ["etoro-public:trade.demo:read"] };
  if (method === "PATCH") return { ipsWhitelist: ["192.0.2.1"] };
  return undefined;
}

async function fillWithTokens(sandbox: RunningSandbox, agentPortfolioId: string, upTo: number): Promise<void> {
  const list = await call(sandbox, "GET", V1);
  const portfolio = list.body.agentPortfolios.find((p: { agentPortfolioId: string }) => p.agentPortfolioId === agentPortfolioId);
  for (let i = portfolio.userTokens.length; i < upTo; i += 1) {
    const minted = await call(sandbox, "POST", fill(MINT_V2, { agentPortfolioId }), {
      body: { userTokenName: `filler-${i}`, scopeNames: ["etoro-public:trade.demo:read"] },
    });
    expect(minted.status).toBe(201);
  }
}

interface Scenario {
  /** How the error is provoked, in words (shows up in failure output). */
  how: string;
  options?: SandboxOptions;
  provoke(sandbox: RunningSandbox, example: ErrorExample): Promise<CallResult>;
}

/** Errors every operation can answer, provoked the same way everywhere. */
const CROSS_CUTTING: Record<string, Scenario> = {
  "401 Unauthorized": {
    how: "a wrong x-api-key",
    provoke: (sandbox, { method, path }) =>
      call(sandbox, method, fill(path, {}), { apiKey: "not-the-key", body: validBody(method, path) }),
  },
  "429 TooManyRequests": {
    how: "a sandbox with rateLimit 2, after two calls",
    options: { rateLimit: 2 },
    provoke: async (sandbox, { method, path }) => {
      await call(sandbox, "GET", SCOPES);
      await call(sandbox, "GET", SCOPES);
      return call(sandbox, method, fill(path, {}), { body: validBody(method, path) });
    },
  },
  "500 UnhandledException": {
    how: "the status fault (500, once)",
    provoke: async (sandbox, { method, path }) => {
      expect((await control(sandbox, "POST", "/__sandbox/faults", { status: 500, times: 1 })).status).toBe(204);
      return call(sandbox, method, fill(path, {}), { body: validBody(method, path) });
    },
  },
};

/** Errors tied to one operation, keyed "METHOD path status exampleName". */
const SPECIFIC: Record<string, Scenario> = {
  [`POST ${V1} 400 NameTooShort`]: {
    how: "a 5-character name",
    provoke: (sandbox) =>
      call(sandbox, "POST", V1, {
        body: { agentPortfolioName: "Short", investmentAmountInUsd: 500, userTokenName: "agent", scopeIds: [201] },
      }),
  },
  [`POST ${V1} 400 InvestmentBelowMinimum`]: {
    how: "an investment of 199 USD",
    provoke: (sandbox) =>
      call(sandbox, "POST", V1, {
        body: { agentPortfolioName: "NewPort1", investmentAmountInUsd: 199, userTokenName: "agent", scopeIds: [201] },
      }),
  },
  [`DELETE ${PORTFOLIO} 400 ValidationFailed`]: {
    how: "a portfolio id that is not a UUID",
    provoke: (sandbox) => call(sandbox, "DELETE", `${V1}/not-a-uuid`),
  },
  [`DELETE ${PORTFOLIO} 404 NotFound`]: {
    how: "an unknown portfolio id",
    provoke: (sandbox) => call(sandbox, "DELETE", fill(PORTFOLIO, randomIds())),
  },
  [`POST ${MINT_V1} 400 ScopeIdsRequired`]: {
    how: "neither scopeIds nor scopeNames",
    provoke: async (sandbox) =>
      call(sandbox, "POST", fill(MINT_V1, await seeded(sandbox)), { body: { userTokenName: "no-scopes" } }),
  },
  [`POST ${MINT_V1} 400 InvalidIp`]: {
    how: "ipsWhitelist with 256.1.1.1",
    provoke: async (sandbox) =>
      call(sandbox, "POST", fill(MINT_V1, await seeded(sandbox)), {
        body: { userTokenName: "bad-ip", scopeIds: [200], ipsWhitelist: ["256.1.1.1"] },
      }),
  },
  [`POST ${MINT_V1} 404 NotFound`]: {
    how: "an unknown portfolio id",
    provoke: (sandbox) => call(sandbox, "POST", fill(MINT_V1, randomIds()), { body: validBody("POST", MINT_V1) }),
  },
  [`POST ${MINT_V1} 409 UserKeyNameAlreadyExists`]: {
    how: "the name of a token the portfolio already has",
    provoke: async (sandbox) => {
      const ids = await seeded(sandbox);
      return call(sandbox, "POST", fill(MINT_V1, ids), { body: { userTokenName: ids.tokenName, scopeIds: [200] } });
    },
  },
  [`POST ${MINT_V1} 429 MaxUserTokensExceeded`]: {
    how: "an 11th token",
    provoke: async (sandbox) => {
      const ids = await seeded(sandbox);
      await fillWithTokens(sandbox, ids.agentPortfolioId, 10);
      return call(sandbox, "POST", fill(MINT_V1, ids), { body: { userTokenName: "eleventh", scopeIds: [200] } });
    },
  },
  [`DELETE ${TOKEN_V1} 400 ValidationFailed`]: {
    how: "a token id that is not a UUID",
    provoke: async (sandbox) =>
      call(sandbox, "DELETE", fill(TOKEN_V1, { ...(await seeded(sandbox)), userTokenId: "not-a-uuid" })),
  },
  [`DELETE ${TOKEN_V1} 404 NotFound`]: {
    how: "an unknown portfolio id",
    provoke: (sandbox) => call(sandbox, "DELETE", fill(TOKEN_V1, randomIds())),
  },
  [`PATCH ${TOKEN_V1} 400 NoChanges`]: {
    how: "an empty body object",
    provoke: async (sandbox) => call(sandbox, "PATCH", fill(TOKEN_V1, await seeded(sandbox)), { body: {} }),
  },
  [`PATCH ${TOKEN_V1} 400 InvalidScopes`]: {
    how: "scopeIds [999]",
    provoke: async (sandbox) =>
      call(sandbox, "PATCH", fill(TOKEN_V1, await seeded(sandbox)), { body: { scopeIds: [999] } }),
  },
  [`PATCH ${TOKEN_V1} 404 AgentPortfolioNotFound`]: {
    how: "an unknown portfolio id",
    provoke: (sandbox) => call(sandbox, "PATCH", fill(TOKEN_V1, randomIds()), { body: validBody("PATCH", TOKEN_V1) }),
  },
  [`PATCH ${TOKEN_V1} 404 UserTokenNotFound`]: {
    how: "a real portfolio and an unknown token id",
    provoke: async (sandbox) =>
      call(sandbox, "PATCH", fill(TOKEN_V1, { ...(await seeded(sandbox)), userTokenId: randomUUID() }), {
        body: validBody("PATCH", TOKEN_V1),
      }),
  },
  [`POST ${V2} 400 ScopeNameNotAllowed`]: {
    how: "a scope name outside the allowed set",
    provoke: (sandbox) =>
      call(sandbox, "POST", V2, {
        body: {
          agentPortfolioName: "NewPort1",
          investmentAmountInUsd: 500,
          userTokenName: "agent",
          scopeNames: ["etoro-public:trade.real:admin"],
        },
      }),
  },
  [`POST ${V2} 400 NameTooShort`]: {
    how: "a 5-character name",
    provoke: (sandbox) =>
      call(sandbox, "POST", V2, {
        body: {
          agentPortfolioName: "Short",
          investmentAmountInUsd: 500,
          userTokenName: "agent",
          scopeNames: ["etoro-public:trade.demo:read"],
        },
      }),
  },
  [`POST ${MINT_V2} 400 ScopeNamesRequired`]: {
    how: "no scopeNames",
    provoke: async (sandbox) =>
      call(sandbox, "POST", fill(MINT_V2, await seeded(sandbox)), { body: { userTokenName: "no-scopes" } }),
  },
  [`POST ${MINT_V2} 403 ScopeNameNotAllowed`]: {
    how: "a v1 scope name on v2",
    provoke: async (sandbox) =>
      call(sandbox, "POST", fill(MINT_V2, await seeded(sandbox)), {
        body: { userTokenName: "v1-name", scopeNames: ["etoro-public:real:read"] },
      }),
  },
  [`POST ${MINT_V2} 404 NotFound`]: {
    how: "an unknown portfolio id",
    provoke: (sandbox) => call(sandbox, "POST", fill(MINT_V2, randomIds()), { body: validBody("POST", MINT_V2) }),
  },
  [`POST ${MINT_V2} 409 UserKeyNameAlreadyExists`]: {
    how: "the name of a token the portfolio already has",
    provoke: async (sandbox) => {
      const ids = await seeded(sandbox);
      return call(sandbox, "POST", fill(MINT_V2, ids), {
        body: { userTokenName: ids.tokenName, scopeNames: ["etoro-public:trade.real:read"] },
      });
    },
  },
  [`POST ${MINT_V2} 429 MaxUserTokensExceeded`]: {
    how: "an 11th token",
    provoke: async (sandbox) => {
      const ids = await seeded(sandbox);
      await fillWithTokens(sandbox, ids.agentPortfolioId, 10);
      return call(sandbox, "POST", fill(MINT_V2, ids), {
        body: { userTokenName: "eleventh", scopeNames: ["etoro-public:trade.demo:read"] },
      });
    },
  },
  [`PATCH ${TOKEN_V2} 400 NoChanges`]: {
    how: "a body with only fields v2 does not know",
    provoke: async (sandbox) =>
      call(sandbox, "PATCH", fill(TOKEN_V2, await seeded(sandbox)), { body: { scopeIds: [200] } }),
  },
  [`PATCH ${TOKEN_V2} 403 ScopeNameNotAllowed`]: {
    how: "a scope name outside the allowed set",
    provoke: async (sandbox) =>
      call(sandbox, "PATCH", fill(TOKEN_V2, await seeded(sandbox)), { body: { scopeNames: ["root"] } }),
  },
  [`PATCH ${TOKEN_V2} 404 AgentPortfolioNotFound`]: {
    how: "an unknown portfolio id",
    provoke: (sandbox) => call(sandbox, "PATCH", fill(TOKEN_V2, randomIds()), { body: validBody("PATCH", TOKEN_V2) }),
  },
  [`PATCH ${TOKEN_V2} 404 UserTokenNotFound`]: {
    how: "a real portfolio and an unknown token id",
    provoke: async (sandbox) =>
      call(sandbox, "PATCH", fill(TOKEN_V2, { ...(await seeded(sandbox)), userTokenId: randomUUID() }), {
        body: validBody("PATCH", TOKEN_V2),
      }),
  },
};

function keyOf(example: ErrorExample): string {
  return `${example.method} ${example.path} ${example.status} ${example.name}`;
}

function scenarioFor(example: ErrorExample): Scenario | undefined {
  return SPECIFIC[keyOf(example)] ?? CROSS_CUTTING[`${example.status} ${example.name}`];
}

const EXAMPLES = listErrorExamples();

describe("every error example in the spec", () => {
  it("has a scenario, and every specific scenario names a real example", () => {
    expect(EXAMPLES.length).toBeGreaterThan(40);
    expect(EXAMPLES.filter((example) => !scenarioFor(example)).map(keyOf)).toEqual([]);
    const keys = new Set(EXAMPLES.map(keyOf));
    expect(Object.keys(SPECIFIC).filter((key) => !keys.has(key))).toEqual([]);
  });

  it.each(EXAMPLES.map((example) => ({ ...example, title: keyOf(example) })))(
    "$title → $errorCode \"$errorMessage\"",
    async (example) => {
      const scenario = scenarioFor(example);
      if (!scenario) throw new Error(`no scenario for ${keyOf(example)}`);
      const sandbox = await startSandbox(testSandboxOptions(scenario.options));
      try {
        const response = await scenario.provoke(sandbox, example);
        expect(response.status, scenario.how).toBe(example.status);
        expect(response.body, scenario.how).toEqual({
          errorCode: example.errorCode,
          errorMessage: example.errorMessage,
        });
        if (example.errorCode === "TooManyRequests") {
          expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        }
        if (example.errorCode === "MaxUserTokensExceeded") expect(response.headers.get("retry-after")).toBeNull();
      } finally {
        await sandbox.close();
      }
    },
  );
});
