// No "server-only" marker: the runtime (server/) and next.config.ts read it in plain Node.
import { randomBytes } from "node:crypto";
import type { AdminPolicy } from "@/lib/domain/policy";

/**
 * Server configuration, read from the environment once per process: the one
 * place app code reads an environment variable (the ledger's own settings are
 * in lib/db/config.ts, which plain tsx scripts load; the sandbox's in
 * sandbox/config.ts).
 * With no ETORO_API_BASE_URL the console runs in sandbox mode: the built-in
 * emulator (sandbox/) is the upstream and its demo keys are shown at sign-in.
 */
export type ServerConfig = {
  sandboxMode: boolean;
  upstreamBaseUrl: string;
  /** The app's x-api-key; null when the server has none and sign-in must ask for it. */
  apiKey: string | null;
  sessionSecret: string;
  /** True when the session secret was generated for this process (sandbox only). */
  ephemeralSessionSecret: boolean;
  /** Keys the account fingerprint (HMAC of the user key); stable across restarts. */
  fingerprintSecret: string;
  sandboxUserKeys: string[];
  trustProxy: boolean;
  upstreamTimeoutMs: number;
  /** Failed sign-ins per address per 15 minutes before sign-in is refused; 0 = no limit. */
  loginMaxFailures: number;
  /** Bulk jobs (lib/jobs/): this instance's worker and the pace shared by every instance. */
  jobs: JobsConfig;
  /** The session cookie's Secure flag: on in production against the real API unless COOKIE_SECURE=0 (plain-http test rigs). */
  cookieSecure: boolean;
  /** Admin policy: MAX_TOKEN_LIFETIME_DAYS and REQUIRE_IP_WHITELIST_FOR_REAL_WRITE. */
  policy: AdminPolicy;
  /** Webhook deliveries (lib/webhooks/). */
  webhooks: WebhooksConfig;
};

export type WebhooksConfig = {
  /** WEBHOOK_ALLOW_PRIVATE_URLS: deliver to loopback and private addresses too (on by default in sandbox mode, for local receivers). */
  allowPrivateUrls: boolean;
  /** WEBHOOK_SECRET_KEY (32+ characters): keys the encryption of the signing secrets at rest; null: derived from the gateway's token key. */
  secretKey: string | null;
  /** Where a person opens the console (CONSOLE_PUBLIC_URL), for links in messages: no trailing slash. */
  publicOrigin: string;
  /** One delivery attempt's time limit (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Attempts before a delivery is given up (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** False with WEBHOOK_WORKER=0: an instance that sends none (another one does). */
  worker: boolean;
};

export type GatewayConfig = {
  /** GATEWAY_TOKEN_SECRET; null in sandbox mode on PGlite, where a generated key is kept in a file (lib/gateway/token-key.ts). */
  tokenSecret: string | null;
  /** The addresses eToro sees the gateway call from; a gateway-only token's eToro IP whitelist. */
  egressIps: string[];
  usageRetentionDays: number;
  /** The standalone gateway's port (`npm run gateway`). */
  port: number;
  /** APPROVAL_TTL_MINUTES: how long an order held for a person's approval waits (default 10). */
  approvalTtlMinutes: number;
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Apart from readConfig on purpose: a missing key stops the server at start
 * (server/config.ts reads it there) and the gateway, but never the console's
 * own pages and routes.
 */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env, sandboxMode = !env.ETORO_API_BASE_URL?.trim()): GatewayConfig {
  const tokenSecret = env.GATEWAY_TOKEN_SECRET?.trim() || null;
  if (tokenSecret && tokenSecret.length < 32) {
    throw new ConfigError("GATEWAY_TOKEN_SECRET must be at least 32 characters (generate one with: openssl rand -base64 48).");
  }
  // The key must be the same on every instance and outlive restarts: only one PGlite
  // process in sandbox mode can safely keep a generated one in a file.
  if (!tokenSecret && !sandboxMode) {
    throw new ConfigError(
      "GATEWAY_TOKEN_SECRET must be set (32+ characters) when ETORO_API_BASE_URL points at the real API: it keys how the agent gateway recognises minted tokens " +
        "(generate one with: openssl rand -base64 48).",
    );
  }
  // DATABASE_URL as lib/db/config.ts reads it: next.config.ts loads this file
  // without the TypeScript resolver, so it can import no other module of ours.
  if (!tokenSecret && /^postgres(ql)?:\/\//i.test(env.DATABASE_URL?.trim() ?? "")) {
    throw new ConfigError(
      "GATEWAY_TOKEN_SECRET must be set (32+ characters) with DATABASE_URL: every instance must share the key the agent gateway recognises minted tokens by " +
        "(generate one with: openssl rand -base64 48).",
    );
  }
  const rawIps = env.GATEWAY_EGRESS_IPS?.trim();
  const egressIps = rawIps ? rawIps.split(",").map((ip) => ip.trim()).filter(Boolean) : sandboxMode ? ["127.0.0.2"] : [];
  const badIp = egressIps.find((ip) => !IPV4.test(ip));
  if (badIp !== undefined) throw new ConfigError(`GATEWAY_EGRESS_IPS must be comma-separated IPv4 addresses (got "${badIp}").`);
  return {
    tokenSecret,
    egressIps,
    usageRetentionDays: intFrom(env, "USAGE_RETENTION_DAYS", 90, 1),
    port: intFrom(env, "GATEWAY_PORT", 3001, 1),
    approvalTtlMinutes: intFrom(env, "APPROVAL_TTL_MINUTES", 10, 1),
  };
}

const globalForConfig = globalThis as unknown as { __apcConfig?: ServerConfig; __apcGatewayConfig?: GatewayConfig };

export class ConfigError extends Error {}

/** A whole number from the environment, or the fallback when unset; nonsense is a ConfigError, not a silent NaN. */
function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number ≥ ${min} (got "${raw}").`);
  return value;
}

export type JobsConfig = {
  /** Milliseconds between two job calls of one account (JOBS_CALLS_PER_MINUTE, default 50 of eToro's 60, leaving room for page reads). */
  callIntervalMs: number;
  leaseMs: number;
  pollMs: number;
  /** False with JOBS_WORKER=0: an instance that only serves pages. */
  worker: boolean;
};

export function readJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  const raw = env.JOBS_CALLS_PER_MINUTE?.trim();
  const perMinute = raw ? Number(raw) : 50;
  if (!Number.isFinite(perMinute) || perMinute <= 0 || perMinute > 6_000) {
    throw new ConfigError(`JOBS_CALLS_PER_MINUTE must be a number between 0 and 6000 (got "${raw}").`);
  }
  return {
    callIntervalMs: Math.ceil(60_000 / perMinute),
    leaseMs: intFrom(env, "JOBS_LEASE_MS", 30_000, 1),
    pollMs: intFrom(env, "JOBS_POLL_MS", 500, 1),
    worker: env.JOBS_WORKER !== "0",
  };
}

/** A production server (`npm start`), as opposed to `npm run dev`; never throws, for code that runs before the rest of the config is checked. */
export function isProductionServer(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "production";
}

/**
 * `npm test` has just run `npm run typecheck` (route types and tsc over the whole
 * tree, a superset of the build's own check), so its build may skip that check.
 */
export function buildSkipsTypecheck(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NEXT_BUILD_SKIP_TYPECHECK === "1";
}

/**
 * Whether `next build` writes Turbopack's cache to .next/cache for the next build.
 * Locally the next build then recompiles only what changed; a CI run builds once from
 * a clean clone, where writing (and compacting) that cache is about a fifth of the build's CPU for nothing.
 */
export function buildKeepsCache(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.CI;
}

/** A yes/no setting: 1/true/yes or 0/false/no (or unset = no); anything else is a ConfigError. */
function flagFrom(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || ["0", "false", "no"].includes(raw)) return false;
  if (["1", "true", "yes"].includes(raw)) return true;
  throw new ConfigError(`${name} must be 1/true/yes or 0/false/no (got "${env[name]}").`);
}

export function readWebhooksConfig(env: NodeJS.ProcessEnv = process.env, sandboxMode = !env.ETORO_API_BASE_URL?.trim()): WebhooksConfig {
  const secretKey = env.WEBHOOK_SECRET_KEY?.trim() || null;
  if (secretKey && secretKey.length < 32) throw new ConfigError("WEBHOOK_SECRET_KEY must be at least 32 characters (generate one with: openssl rand -base64 48).");
  const rawOrigin = env.CONSOLE_PUBLIC_URL?.trim();
  let publicOrigin = `http://localhost:${Number(env.PORT || 3000)}`;
  if (rawOrigin) {
    let url: URL | null = null;
    try {
      url = new URL(rawOrigin);
    } catch {
      url = null;
    }
    if (!url || !/^https?:$/.test(url.protocol)) throw new ConfigError(`CONSOLE_PUBLIC_URL must be an http(s) address like https://console.example.com (got "${rawOrigin}").`);
    publicOrigin = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  }
  return {
    allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS?.trim() ? flagFrom(env, "WEBHOOK_ALLOW_PRIVATE_URLS") : sandboxMode,
    secretKey,
    publicOrigin,
    timeoutMs: intFrom(env, "WEBHOOK_TIMEOUT_MS", 10_000, 100),
    maxAttempts: intFrom(env, "WEBHOOK_MAX_ATTEMPTS", 8, 1),
    worker: env.WEBHOOK_WORKER !== "0",
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const explicitBase = env.ETORO_API_BASE_URL?.trim();
  const sandboxMode = !explicitBase;
  const sandboxPort = Number(env.SANDBOX_PORT || 4010);
  const upstreamBaseUrl = (explicitBase || `http://127.0.0.1:${sandboxPort}`).replace(/\/+$/, "");

  const apiKey = env.ETORO_API_KEY?.trim() || (sandboxMode ? env.SANDBOX_API_KEY?.trim() || "sandbox-api-key" : null);

  let sessionSecret = env.SESSION_SECRET ?? "";
  let ephemeralSessionSecret = false;
  if (sessionSecret.length < 32) {
    if (!sandboxMode) {
      throw new ConfigError(
        "SESSION_SECRET must be set to at least 32 characters when ETORO_API_BASE_URL points at the real API " +
          "(generate one with: openssl rand -base64 48).",
      );
    }
    // Sandbox only: a fresh secret per process, so nothing guessable is ever baked in.
    sessionSecret = randomBytes(32).toString("base64url");
    ephemeralSessionSecret = true;
  }

  return {
    sandboxMode,
    upstreamBaseUrl,
    apiKey,
    sessionSecret,
    ephemeralSessionSecret,
    // Fingerprints must survive restarts and a SESSION_SECRET rotation (or the
    // ledger's history would split), hence FINGERPRINT_SECRET. Sandbox keys are
    // public demo values, so a fixed key is fine there.
    fingerprintSecret:
      env.FINGERPRINT_SECRET?.trim() || (ephemeralSessionSecret ? "agent-portfolio-console/sandbox" : sessionSecret),
    sandboxUserKeys: sandboxMode
      ? (env.SANDBOX_USER_KEYS || "sandbox-alice,sandbox-bob").split(",").map((k) => k.trim()).filter(Boolean)
      : [],
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    upstreamTimeoutMs: intFrom(env, "ETORO_TIMEOUT_MS", 10_000, 100),
    loginMaxFailures: intFrom(env, "LOGIN_MAX_FAILURES", 10, 0),
    jobs: readJobsConfig(env),
    cookieSecure: env.NODE_ENV === "production" && !sandboxMode && env.COOKIE_SECURE !== "0",
    policy: {
      maxTokenLifetimeDays: env.MAX_TOKEN_LIFETIME_DAYS?.trim() ? intFrom(env, "MAX_TOKEN_LIFETIME_DAYS", 0, 1) : null,
      requireIpWhitelistForRealWrite: flagFrom(env, "REQUIRE_IP_WHITELIST_FOR_REAL_WRITE"),
    },
    webhooks: readWebhooksConfig(env, sandboxMode),
  };
}

export function getConfig(): ServerConfig {
  globalForConfig.__apcConfig ??= readConfig();
  return globalForConfig.__apcConfig;
}

export function getGatewayConfig(): GatewayConfig {
  globalForConfig.__apcGatewayConfig ??= readGatewayConfig();
  return globalForConfig.__apcGatewayConfig;
}
