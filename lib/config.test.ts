import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config";

describe("server configuration", () => {
  it("runs in sandbox mode with no upstream configured", () => {
    const c = readConfig({ SANDBOX_PORT: "4999" } as NodeJS.ProcessEnv);
    expect(c).toMatchObject({ sandboxMode: true, upstreamBaseUrl: "http://127.0.0.1:4999", apiKey: "sandbox-api-key", ephemeralSessionSecret: true });
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(c.sandboxUserKeys).toEqual(["sandbox-alice", "sandbox-bob"]);
  });

  it("makes a different ephemeral secret per process start", () => {
    expect(readConfig({} as NodeJS.ProcessEnv).sessionSecret).not.toBe(readConfig({} as NodeJS.ProcessEnv).sessionSecret);
  });

  it("requires a 32+ character SESSION_SECRET against the real API", () => {
    const real = { ETORO_API_BASE_URL: "https://public-api.etoro.com/" } as NodeJS.ProcessEnv;
    expect(() => readConfig(real)).toThrow(ConfigError);
    expect(() => readConfig({ ...real, SESSION_SECRET: "short" })).toThrow(/at least 32/);
    const c = readConfig({ ...real, SESSION_SECRET: "s".repeat(32) });
    expect(c).toMatchObject({ sandboxMode: false, upstreamBaseUrl: "https://public-api.etoro.com", apiKey: null, sandboxUserKeys: [] });
  });

  it("never falls back to the sandbox key against the real API", () => {
    const c = readConfig({ ETORO_API_BASE_URL: "https://x", SESSION_SECRET: "s".repeat(40), SANDBOX_API_KEY: "leak" } as NodeJS.ProcessEnv);
    expect(c.apiKey).toBeNull();
  });

  it("trusts proxy headers only when told to", () => {
    expect(readConfig({} as NodeJS.ProcessEnv).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: "1" } as NodeJS.ProcessEnv).trustProxy).toBe(true);
  });
});
