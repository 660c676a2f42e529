import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, control, testSandboxOptions } from "../tests/support/sandbox-client";
import { startSandbox, type RunningSandbox } from "./server";

const V1 = "/api/v1/agent-portfolios";

describe("request stats", () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox(testSandboxOptions());
  });
  afterEach(() => sandbox.close());

  const stats = async () => (await control(sandbox, "GET", "/__sandbox/stats")).body;

  it("counts every API request by route template, and nothing else", async () => {
    expect(await stats()).toEqual({ total: 0, byRoute: {} });
    await call(sandbox, "GET", V1);
    await call(sandbox, "GET", V1);
    await call(sandbox, "DELETE", `${V1}/00000000-0000-4000-8000-000000000000`);
    await call(sandbox, "GET", V1, { apiKey: "wrong" });
    await call(sandbox, "GET", "/api/v3/nothing");
    await control(sandbox, "GET", "/__sandbox/health");
    expect(await stats()).toEqual({
      total: 5,
      byRoute: {
        "GET /api/v1/agent-portfolios": 3,
        "DELETE /api/v1/agent-portfolios/{agentPortfolioId}": 1,
        "GET (unmatched)": 1,
      },
    });
  });

  it("resets with POST /__sandbox/stats/reset and with /__sandbox/reset", async () => {
    await call(sandbox, "GET", V1);
    expect((await control(sandbox, "POST", "/__sandbox/stats/reset")).status).toBe(204);
    expect((await stats()).total).toBe(0);
    await call(sandbox, "GET", V1);
    await control(sandbox, "POST", "/__sandbox/reset");
    expect((await stats()).total).toBe(0);
  });
});
