import { describe, expect, it } from "vitest";
import { resolveConfig } from "./config";

describe("resolveConfig", () => {
  it("uses the documented defaults with an empty env", () => {
    expect(resolveConfig({}, {})).toEqual({
      port: 4010,
      host: "127.0.0.1",
      apiKey: "sandbox-api-key",
      userKeys: ["sandbox-alice", "sandbox-bob"],
      seedPortfolios: undefined,
      rateLimit: 60,
      quotaWindowMs: 60_000,
      log: false,
    });
  });

  it("reads SANDBOX_* env", () => {
    const config = resolveConfig(
      {},
      {
        SANDBOX_PORT: "4999",
        SANDBOX_API_KEY: "env-key",
        SANDBOX_USER_KEYS: " one , two,three ",
        SANDBOX_SEED_PORTFOLIOS: "25",
        SANDBOX_RATE_LIMIT: "0",
        SANDBOX_QUOTA_WINDOW_MS: "6000",
        SANDBOX_LOG: "1",
      },
    );
    expect(config).toMatchObject({
      port: 4999,
      apiKey: "env-key",
      userKeys: ["one", "two", "three"],
      seedPortfolios: 25,
      rateLimit: 0,
      quotaWindowMs: 6_000,
      log: true,
    });
  });

  it("lets explicit options win over env; seedPortfolios null forces the hand-written seed", () => {
    const env = { SANDBOX_PORT: "4999", SANDBOX_RATE_LIMIT: "5", SANDBOX_SEED_PORTFOLIOS: "25", SANDBOX_API_KEY: "env" };
    expect(resolveConfig({ port: 0, rateLimit: 7, seedPortfolios: null, apiKey: "opt" }, env)).toMatchObject({
      port: 0,
      rateLimit: 7,
      seedPortfolios: undefined,
      apiKey: "opt",
    });
  });

  it.each([
    [{}, { SANDBOX_RATE_LIMIT: "lots" }, /SANDBOX_RATE_LIMIT/],
    [{}, { SANDBOX_PORT: "70000" }, /SANDBOX_PORT/],
    [{}, { SANDBOX_QUOTA_WINDOW_MS: "0" }, /SANDBOX_QUOTA_WINDOW_MS/],
    [{ userKeys: [] }, {}, /user key/],
    [{ userKeys: ["a", "a"] }, {}, /unique/],
    [{ seedPortfolios: -1 }, {}, /seedPortfolios/],
  ])("refuses bad settings %j %j", (options, env, message) => {
    expect(() => resolveConfig(options, env)).toThrow(message);
  });
});
