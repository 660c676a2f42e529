import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError, buildKeepsCache, readConfig, readGatewayConfig, readWebhooksConfig } from "./config";
import { gatewayTokenSecret, tokenKeyFile } from "./gateway/token-key";

const env = (vars: Record<string, string> = {}) => vars as unknown as NodeJS.ProcessEnv;

describe("server configuration", () => {
  it("runs in sandbox mode with no upstream configured", () => {
    const c = readConfig(env({ SANDBOX_PORT: "4999" }));
    expect(c).toMatchObject({ sandboxMode: true, upstreamBaseUrl: "http://127.0.0.1:4999", apiKey: "sandbox-api-key", ephemeralSessionSecret: true });
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(c.sandboxUserKeys).toEqual(["sandbox-alice", "sandbox-bob"]);
  });

  it("makes a different ephemeral secret per process start", () => {
    expect(readConfig(env({})).sessionSecret).not.toBe(readConfig(env({})).sessionSecret);
  });

  it("requires a 32+ character SESSION_SECRET against the real API", () => {
    const real = { ETORO_API_BASE_URL: "https://public-api.etoro.com/" };
    expect(() => readConfig(env(real))).toThrow(ConfigError);
    expect(() => readConfig(env({ ...real, SESSION_SECRET: "short" }))).toThrow(/at least 32/);
    const c = readConfig(env({ ...real, SESSION_SECRET: "s".repeat(32) }));
    expect(c).toMatchObject({ sandboxMode: false, upstreamBaseUrl: "https://public-api.etoro.com", apiKey: null, sandboxUserKeys: [] });
  });

  it("never falls back to the sandbox key against the real API", () => {
    const c = readConfig(env({ ETORO_API_BASE_URL: "https://x", SESSION_SECRET: "s".repeat(40), SANDBOX_API_KEY: "leak" }));
    expect(c.apiKey).toBeNull();
  });

  it("trusts proxy headers only when told to", () => {
    expect(readConfig(env({})).trustProxy).toBe(false);
    expect(readConfig(env({ TRUST_PROXY: "1" })).trustProxy).toBe(true);
  });
});

describe("numbers and secrets from the environment", () => {
  it("refuses nonsense numbers instead of running with NaN", () => {
    expect(() => readConfig(env({ ETORO_TIMEOUT_MS: "soon" }))).toThrow(/ETORO_TIMEOUT_MS/);
    expect(() => readConfig(env({ LOGIN_MAX_FAILURES: "-1" }))).toThrow(/LOGIN_MAX_FAILURES/);
    expect(readConfig(env({ LOGIN_MAX_FAILURES: "0" })).loginMaxFailures).toBe(0);
  });

  it("keeps account fingerprints stable across a SESSION_SECRET rotation when FINGERPRINT_SECRET is set", () => {
    const base = { ETORO_API_BASE_URL: "https://x", FINGERPRINT_SECRET: "f".repeat(40) };
    const before = readConfig(env({ ...base, SESSION_SECRET: "a".repeat(40) }));
    const after = readConfig(env({ ...base, SESSION_SECRET: "b".repeat(40) }));
    expect(before.fingerprintSecret).toBe(after.fingerprintSecret);
    expect(before.sessionSecret).not.toBe(after.sessionSecret);
  });

  it("reads the admin policy: no limits by default, nonsense refused", () => {
    expect(readConfig(env({})).policy).toEqual({ maxTokenLifetimeDays: null, requireIpWhitelistForRealWrite: false });
    expect(readConfig(env({ MAX_TOKEN_LIFETIME_DAYS: "90", REQUIRE_IP_WHITELIST_FOR_REAL_WRITE: "true" })).policy).toEqual({
      maxTokenLifetimeDays: 90,
      requireIpWhitelistForRealWrite: true,
    });
    expect(() => readConfig(env({ MAX_TOKEN_LIFETIME_DAYS: "0" }))).toThrow(/MAX_TOKEN_LIFETIME_DAYS/);
    expect(() => readConfig(env({ REQUIRE_IP_WHITELIST_FOR_REAL_WRITE: "maybe" }))).toThrow(/REQUIRE_IP_WHITELIST_FOR_REAL_WRITE/);
  });
});

describe("session cookie", () => {
  const real = { ETORO_API_BASE_URL: "https://x", SESSION_SECRET: "s".repeat(40) };
  it("is Secure in production against the real API, unless COOKIE_SECURE=0", () => {
    expect(readConfig(env({ ...real, NODE_ENV: "production" })).cookieSecure).toBe(true);
    expect(readConfig(env({ ...real, NODE_ENV: "production", COOKIE_SECURE: "0" })).cookieSecure).toBe(false);
  });
  it("is not Secure in development or in sandbox mode (plain http on localhost)", () => {
    expect(readConfig(env({ ...real, NODE_ENV: "development" })).cookieSecure).toBe(false);
    expect(readConfig(env({ NODE_ENV: "production" })).cookieSecure).toBe(false);
  });
});

describe("gateway configuration", () => {
  const secret = "g".repeat(40);

  it("needs GATEWAY_TOKEN_SECRET with the real API and with DATABASE_URL, and says how to make one", () => {
    expect(() => readGatewayConfig(env({ ETORO_API_BASE_URL: "https://x" }))).toThrow(/GATEWAY_TOKEN_SECRET must be set.*openssl rand/);
    expect(() => readGatewayConfig(env({ DATABASE_URL: "postgres://u@h/db" }))).toThrow(/every instance must share/);
    expect(() => readGatewayConfig(env({ GATEWAY_TOKEN_SECRET: "short" }))).toThrow(ConfigError);
    expect(readGatewayConfig(env({ ETORO_API_BASE_URL: "https://x", GATEWAY_TOKEN_SECRET: secret })).tokenSecret).toBe(secret);
  });

  it("defaults: egress 127.0.0.2 in sandbox mode, none named with the real API, 90 days of usage", () => {
    expect(readGatewayConfig(env({}))).toMatchObject({ tokenSecret: null, egressIps: ["127.0.0.2"], usageRetentionDays: 90 });
    expect(readGatewayConfig(env({ ETORO_API_BASE_URL: "https://x", GATEWAY_TOKEN_SECRET: secret })).egressIps).toEqual([]);
    expect(readGatewayConfig(env({ GATEWAY_EGRESS_IPS: "203.0.113.7, 203.0.113.8", USAGE_RETENTION_DAYS: "7" }))).toMatchObject({
      egressIps: ["203.0.113.7", "203.0.113.8"],
      usageRetentionDays: 7,
    });
    expect(() => readGatewayConfig(env({ GATEWAY_EGRESS_IPS: "2001:db8::1" }))).toThrow(/IPv4/);
  });

  it("an order held for approval waits 10 minutes unless APPROVAL_TTL_MINUTES says otherwise; nonsense stops the start", () => {
    expect(readGatewayConfig(env({})).approvalTtlMinutes).toBe(10);
    expect(readGatewayConfig(env({ APPROVAL_TTL_MINUTES: "3" })).approvalTtlMinutes).toBe(3);
    expect(() => readGatewayConfig(env({ APPROVAL_TTL_MINUTES: "0" }))).toThrow(/APPROVAL_TTL_MINUTES/);
  });

  it("in sandbox mode keeps a generated key in a 0600 file beside the PGlite directory, the same after a restart", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gateway-key-"));
    try {
      const file = tokenKeyFile(path.join(dir, "ledger"));
      expect(file).toBe(path.join(dir, "ledger-gateway-token-key"));
      const first = gatewayTokenSecret(readGatewayConfig(env({})), file);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(gatewayTokenSecret(readGatewayConfig(env({})), file)).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("webhooks configuration", () => {
  const real = { ETORO_API_BASE_URL: "https://x", SESSION_SECRET: "s".repeat(40) };

  it("allows private and loopback URLs in sandbox mode only, unless told otherwise", () => {
    expect(readConfig(env({})).webhooks.allowPrivateUrls).toBe(true);
    expect(readConfig(env(real)).webhooks.allowPrivateUrls).toBe(false);
    expect(readConfig(env({ ...real, WEBHOOK_ALLOW_PRIVATE_URLS: "1" })).webhooks.allowPrivateUrls).toBe(true);
    expect(readConfig(env({ WEBHOOK_ALLOW_PRIVATE_URLS: "0" })).webhooks.allowPrivateUrls).toBe(false);
    expect(() => readConfig(env({ WEBHOOK_ALLOW_PRIVATE_URLS: "sometimes" }))).toThrow(/WEBHOOK_ALLOW_PRIVATE_URLS/);
  });

  it("reads the public origin, the secret key, the time limit and the attempts, refusing nonsense", () => {
    expect(readWebhooksConfig(env({ PORT: "3456" }))).toMatchObject({ publicOrigin: "http://localhost:3456", secretKey: null, timeoutMs: 10_000, maxAttempts: 8, worker: true });
    expect(readWebhooksConfig(env({ CONSOLE_PUBLIC_URL: "https://console.example.com/" })).publicOrigin).toBe("https://console.example.com");
    expect(() => readWebhooksConfig(env({ CONSOLE_PUBLIC_URL: "console.example.com" }))).toThrow(/CONSOLE_PUBLIC_URL/);
    expect(() => readWebhooksConfig(env({ WEBHOOK_SECRET_KEY: "short" }))).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(readWebhooksConfig(env({ WEBHOOK_SECRET_KEY: "k".repeat(32) })).secretKey).toBe("k".repeat(32));
    expect(() => readWebhooksConfig(env({ WEBHOOK_MAX_ATTEMPTS: "0" }))).toThrow(/WEBHOOK_MAX_ATTEMPTS/);
    expect(readWebhooksConfig(env({ WEBHOOK_TIMEOUT_MS: "500", WEBHOOK_WORKER: "0" }))).toMatchObject({ timeoutMs: 500, worker: false });
  });
});

describe("build", () => {
  it("keeps Turbopack's build cache locally, not in CI (a clean clone builds once)", () => {
    expect(buildKeepsCache(env())).toBe(true);
    expect(buildKeepsCache(env({ CI: "true" }))).toBe(false);
    expect(buildKeepsCache(env({ CI: "1" }))).toBe(false);
  });
});
