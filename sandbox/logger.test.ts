import { afterEach, describe, expect, it, vi } from "vitest";
import { ALICE, call, TEST_API_KEY, testSandboxOptions } from "../tests/support/sandbox-client";
import { startSandbox, type RunningSandbox } from "./server";

describe("request log", () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    vi.restoreAllMocks();
  });

  it("prints one line per request and never a key or a secret", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.join(" "));
    });
    sandbox = await startSandbox(testSandboxOptions({ log: true }));
    const list = await call(sandbox, "GET", "/api/v1/agent-portfolios");
    const portfolioId = list.body.agentPortfolios[0].agentPortfolioId;
    const minted = await call(sandbox, "POST", `/api/v2/agent-portfolios/${portfolioId}/user-tokens`, {
      body: { userTokenName: "logged", scopeNames: ["etoro-public:trade.demo:read"] },
    });
    await call(sandbox, "GET", "/api/v1/agent-portfolios", { userKey: "sandbox-mallory" });

    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[sandbox\] GET \/api\/v1\/agent-portfolios 200 \d+ms request-id=/);
    const all = lines.join("\n");
    for (const secret of [ALICE, "sandbox-mallory", TEST_API_KEY, minted.body.userToken]) expect(all).not.toContain(secret);
  });
});
