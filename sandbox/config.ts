/**
 * Sandbox settings: explicit options win, then env (SANDBOX_PORT, SANDBOX_API_KEY,
 * SANDBOX_USER_KEYS, SANDBOX_SEED_PORTFOLIOS, SANDBOX_SEED_TOKENS, SANDBOX_RATE_LIMIT, SANDBOX_QUOTA_WINDOW_MS,
 * SANDBOX_LOG), then
 * the defaults.
 */
import { MAX_TOKENS_PER_PORTFOLIO } from "./store";

export interface SandboxOptions {
  /** 0 = a random free port. Default: SANDBOX_PORT or 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: SANDBOX_API_KEY or "sandbox-api-key". */
  apiKey?: string;
  /** One isolated account each; the first gets the seed. Default: SANDBOX_USER_KEYS or sandbox-alice, sandbox-bob. */
  userKeys?: string[];
  /** N generated portfolios for the first key; null = the hand-written seed. Default: SANDBOX_SEED_PORTFOLIOS or the hand-written seed. */
  seedPortfolios?: number | null;
  /** Tokens per generated portfolio (1..10, eToro's maximum); undefined = one or two. Default: SANDBOX_SEED_TOKENS. */
  seedTokens?: number;
  /** Requests per quota window per user key; 0 = no quota. Default: SANDBOX_RATE_LIMIT or 60. */
  rateLimit?: number;
  /** The quota's window in ms. Default: SANDBOX_QUOTA_WINDOW_MS or eToro's 60 000; shorter lets pacing tests run in seconds. */
  quotaWindowMs?: number;
  /** One line per API request (never keys or secrets). Default: SANDBOX_LOG=1. */
  log?: boolean;
}

export interface SandboxConfig {
  port: number;
  host: string;
  apiKey: string;
  userKeys: string[];
  /** undefined = the hand-written seed. */
  seedPortfolios: number | undefined;
  /** undefined = the generated seed's own mix of one or two tokens per portfolio. */
  seedTokens: number | undefined;
  rateLimit: number;
  quotaWindowMs: number;
  log: boolean;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_API_KEY = "sandbox-api-key";
export const DEFAULT_USER_KEYS = ["sandbox-alice", "sandbox-bob"] as const;
export const DEFAULT_RATE_LIMIT = 60;
export const DEFAULT_QUOTA_WINDOW_MS = 60_000;

type Env = Record<string, string | undefined>;

function integerFromEnv(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function resolveConfig(options: SandboxOptions = {}, env: Env = process.env): SandboxConfig {
  const userKeys =
    options.userKeys ??
    (env.SANDBOX_USER_KEYS?.trim()
      ? env.SANDBOX_USER_KEYS.split(",").map((key) => key.trim()).filter(Boolean)
      : [...DEFAULT_USER_KEYS]);
  if (userKeys.length === 0 || userKeys.some((key) => key.length === 0)) {
    throw new Error("the sandbox needs at least one non-empty user key");
  }
  if (new Set(userKeys).size !== userKeys.length) throw new Error("sandbox user keys must be unique");

  const apiKey = options.apiKey ?? (env.SANDBOX_API_KEY?.trim() || DEFAULT_API_KEY);
  if (apiKey.length === 0) throw new Error("the sandbox API key must not be empty");

  const seedPortfolios =
    options.seedPortfolios === null
      ? undefined
      : options.seedPortfolios !== undefined
        ? checkInteger("seedPortfolios", options.seedPortfolios, 0, 999_999)
        : integerFromEnv(env, "SANDBOX_SEED_PORTFOLIOS", 0, 999_999);

  return {
    port: checkInteger("port", options.port ?? integerFromEnv(env, "SANDBOX_PORT", 0, 65_535) ?? DEFAULT_PORT, 0, 65_535),
    host: options.host ?? DEFAULT_HOST,
    apiKey,
    userKeys,
    seedPortfolios,
    seedTokens:
      options.seedTokens !== undefined
        ? checkInteger("seedTokens", options.seedTokens, 1, MAX_TOKENS_PER_PORTFOLIO)
        : integerFromEnv(env, "SANDBOX_SEED_TOKENS", 1, MAX_TOKENS_PER_PORTFOLIO),
    rateLimit: checkInteger(
      "rateLimit",
      options.rateLimit ?? integerFromEnv(env, "SANDBOX_RATE_LIMIT", 0, 1_000_000) ?? DEFAULT_RATE_LIMIT,
      0,
      1_000_000,
    ),
    quotaWindowMs: checkInteger(
      "quotaWindowMs",
      options.quotaWindowMs ?? integerFromEnv(env, "SANDBOX_QUOTA_WINDOW_MS", 1, 3_600_000) ?? DEFAULT_QUOTA_WINDOW_MS,
      1,
      3_600_000,
    ),
    log: options.log ?? env.SANDBOX_LOG === "1",
  };
}
