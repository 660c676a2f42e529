import { afterEach, describe, expect, it } from "vitest";
import { BOB, call, control, testSandboxOptions } from "../tests/support/sandbox-client";
import { startSandbox, type RunningSandbox } from "./server";

const V1 = "/api/v1/agent-portfolios";
const DAY = 86_400_000;

interface Token {
  userTokenName: string;
  scopeNames: string[];
  ipsWhitelist: string[];
  expiresAt?: string;
  externalApplicationName?: string;
}

describe("seed", () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it("gives alice a small hand-written seed that exercises every token state", async () => {
    sandbox = await startSandbox(testSandboxOptions());
    const now = Date.now();
    const { body } = await call(sandbox, "GET", V1);
    expect(body.agentPortfolios.map((p: { agentPortfolioName: string }) => p.agentPortfolioName)).toEqual([
      "AlphaBot",
      "MeanRevert",
      "DemoScout",
    ]);
    const tokens: Token[] = body.agentPortfolios.flatMap((p: { userTokens: Token[] }) => p.userTokens);
    const byName = Object.fromEntries(tokens.map((token) => [token.userTokenName, token]));

    expect(byName["live-trader"].scopeNames).toContain("etoro-public:trade.real:write");
    expect(byName["live-trader"].expiresAt).toBeUndefined();
    expect(byName["live-trader"].ipsWhitelist).toEqual([]);

    const monitor = byName["risk-monitor"];
    expect(monitor.scopeNames).toEqual(["etoro-public:trade.real:read"]);
    expect(monitor.ipsWhitelist.length).toBeGreaterThan(0);
    const monitorLeft = Date.parse(monitor.expiresAt!) - now;
    expect(monitorLeft).toBeGreaterThan(2.5 * DAY);
    expect(monitorLeft).toBeLessThan(3.5 * DAY);

    expect(Date.parse(byName["paper-trial"].expiresAt!)).toBeLessThan(now);
    expect(byName["paper-trial"].scopeNames.every((scope) => scope.includes("demo"))).toBe(true);

    expect(byName["demo-runner"].scopeNames).toContain("etoro-public:trade.demo:write");
    expect(Math.round((Date.parse(byName["demo-runner"].expiresAt!) - now) / DAY)).toBe(90);

    expect(tokens.filter((token) => token.externalApplicationName)).toHaveLength(1);
  });

  it("leaves every other key empty", async () => {
    sandbox = await startSandbox(testSandboxOptions());
    expect((await call(sandbox, "GET", V1, { userKey: BOB })).body.agentPortfolios).toEqual([]);
  });

  it("POST /__sandbox/reset goes back to the seed", async () => {
    sandbox = await startSandbox(testSandboxOptions());
    const before = (await call(sandbox, "GET", V1)).body.agentPortfolios;
    for (const portfolio of before) await call(sandbox, "DELETE", `${V1}/${portfolio.agentPortfolioId}`);
    expect((await call(sandbox, "GET", V1)).body.agentPortfolios).toEqual([]);
    expect((await control(sandbox, "POST", "/__sandbox/reset")).status).toBe(204);
    const after = (await call(sandbox, "GET", V1)).body.agentPortfolios;
    expect(after.map((p: { agentPortfolioName: string }) => p.agentPortfolioName)).toEqual(
      before.map((p: { agentPortfolioName: string }) => p.agentPortfolioName),
    );
  });

  it("with seedPortfolios: 1000 lists 1000 unique generated portfolios of 1–2 tokens", async () => {
    sandbox = await startSandbox(testSandboxOptions({ seedPortfolios: 1000 }));
    const { body } = await call(sandbox, "GET", V1);
    const portfolios: Array<{ agentPortfolioName: string; userTokens: Token[] }> = body.agentPortfolios;
    expect(portfolios).toHaveLength(1000);
    expect(portfolios[0].agentPortfolioName).toBe("Seed00001");
    expect(portfolios[999].agentPortfolioName).toBe("Seed01000");
    expect(new Set(portfolios.map((p) => p.agentPortfolioName)).size).toBe(1000);
    for (const portfolio of portfolios) {
      expect(portfolio.agentPortfolioName.length).toBeGreaterThanOrEqual(6);
      expect(portfolio.agentPortfolioName.length).toBeLessThanOrEqual(10);
      expect(portfolio.userTokens.length).toBeGreaterThanOrEqual(1);
      expect(portfolio.userTokens.length).toBeLessThanOrEqual(2);
    }
  });

  it("with seedTokens: 10 gives every generated portfolio ten uniquely named tokens, the same on every run", async () => {
    sandbox = await startSandbox(testSandboxOptions({ seedPortfolios: 3, seedTokens: 10 }));
    const first: Array<{ userTokens: Token[] }> = (await call(sandbox, "GET", V1)).body.agentPortfolios;
    for (const portfolio of first) {
      expect(portfolio.userTokens).toHaveLength(10);
      expect(new Set(portfolio.userTokens.map((t) => t.userTokenName)).size).toBe(10);
    }
    await control(sandbox, "POST", "/__sandbox/reset");
    const again: Array<{ userTokens: Token[] }> = (await call(sandbox, "GET", V1)).body.agentPortfolios;
    const shape = (list: typeof first) => list.map((p) => p.userTokens.map((t) => [t.userTokenName, t.scopeNames, t.ipsWhitelist]));
    expect(shape(again)).toEqual(shape(first));
  });

  it("POST /__sandbox/reset with {seedPortfolios, seedTokens} seeds that until the next plain reset", async () => {
    sandbox = await startSandbox(testSandboxOptions());
    expect((await control(sandbox, "POST", "/__sandbox/reset", { seedPortfolios: 4, seedTokens: 3 })).status).toBe(204);
    const generated: Array<{ userTokens: Token[] }> = (await call(sandbox, "GET", V1)).body.agentPortfolios;
    expect(generated.map((p) => p.userTokens.length)).toEqual([3, 3, 3, 3]);
    expect((await control(sandbox, "POST", "/__sandbox/reset", { seedTokens: 11 })).status).toBe(400);
    expect((await control(sandbox, "POST", "/__sandbox/reset", { nonsense: 1 })).status).toBe(400);
    await control(sandbox, "POST", "/__sandbox/reset");
    expect((await call(sandbox, "GET", V1)).body.agentPortfolios[0].agentPortfolioName).toBe("AlphaBot");
  });

  it("refuses seedTokens above eToro's 10 per portfolio", async () => {
    await expect(startSandbox(testSandboxOptions({ seedPortfolios: 1, seedTokens: 11 }))).rejects.toThrow(/seedTokens/);
  });

  it("seedPortfolios: 0 leaves alice empty too", async () => {
    sandbox = await startSandbox(testSandboxOptions({ seedPortfolios: 0 }));
    expect((await call(sandbox, "GET", V1)).body.agentPortfolios).toEqual([]);
  });
});
