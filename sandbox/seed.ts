/**
 * Seed data. The first user key gets either the small hand-written seed (portfolios and
 * tokens chosen to exercise every state the UI shows) or N generated portfolios for
 * scale tests. Every other key starts empty. All dates are relative to `now`.
 */
import type { ScopeName } from "./scopes";
import type { NewToken, SandboxStore } from "./store";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_GENERATED = 999_999;

interface SeedPortfolio {
  name: string;
  description: string;
  investmentAmountInUsd: number;
  createdDaysAgo: number;
  tokens: Array<{
    name: string;
    scopes: ScopeName[];
    ips: string[];
    /** Relative to now; undefined = never expires; negative = already expired. */
    expiresInMs?: number;
    createdDaysAgo: number;
    externalApplicationName?: string;
  }>;
}

/** The hand-written seed; exported so tests and docs can name what it holds. */
export const HAND_WRITTEN_SEED: readonly SeedPortfolio[] = [
  {
    name: "AlphaBot",
    description: "Momentum strategy on large-cap US equities",
    investmentAmountInUsd: 2_000,
    createdDaysAgo: 45,
    tokens: [
      {
        // Risky: real-money write, never expires, no IP limit.
        name: "live-trader",
        scopes: ["etoro-public:trade.real:read", "etoro-public:trade.real:write"],
        ips: [],
        createdDaysAgo: 44,
      },
      {
        // Expiring soon: real read behind an IP list, about 3 days left.
        name: "risk-monitor",
        scopes: ["etoro-public:trade.real:read"],
        ips: ["203.0.113.10", "203.0.113.24"],
        expiresInMs: 3 * DAY_MS + 2 * HOUR_MS,
        createdDaysAgo: 27,
      },
    ],
  },
  {
    name: "MeanRevert",
    description: "Mean-reversion on FX majors, paper-traded first",
    investmentAmountInUsd: 500,
    createdDaysAgo: 20,
    tokens: [
      {
        // Expired two days ago.
        name: "paper-trial",
        scopes: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
        ips: ["198.51.100.7"],
        expiresInMs: -2 * DAY_MS,
        createdDaysAgo: 19,
      },
      {
        // Healthy: demo write, 90-day expiry, one IP.
        name: "demo-runner",
        scopes: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
        ips: ["198.51.100.7"],
        expiresInMs: 90 * DAY_MS,
        createdDaysAgo: 1,
      },
    ],
  },
  {
    name: "DemoScout",
    description: "Screens demo watchlists for an LLM agent",
    investmentAmountInUsd: 200,
    createdDaysAgo: 6,
    tokens: [
      {
        // Minted by another application ("created outside this console").
        name: "n8n-agent",
        scopes: ["etoro-public:trade.demo:read"],
        ips: [],
        expiresInMs: 30 * DAY_MS,
        createdDaysAgo: 5,
        externalApplicationName: "n8n Workflow",
      },
    ],
  },
];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function seedHandWritten(store: SandboxStore, userKey: string, now: number): void {
  for (const entry of HAND_WRITTEN_SEED) {
    const portfolio = store.createPortfolio(userKey, {
      agentPortfolioName: entry.name,
      agentPortfolioDescription: entry.description,
      investmentAmountInUsd: entry.investmentAmountInUsd,
      createdAt: iso(now - entry.createdDaysAgo * DAY_MS),
    });
    for (const token of entry.tokens) {
      store.mintToken(userKey, portfolio.agentPortfolioId, {
        userTokenName: token.name,
        scopeNames: token.scopes,
        ipsWhitelist: token.ips,
        expiresAt: token.expiresInMs === undefined ? undefined : iso(now + token.expiresInMs),
        externalApplicationName: token.externalApplicationName,
        createdAt: iso(now - token.createdDaysAgo * DAY_MS),
      });
    }
  }
}

const GENERATED_SCOPES: readonly ScopeName[][] = [
  ["etoro-public:trade.demo:read"],
  ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
  ["etoro-public:trade.real:read"],
  ["etoro-public:trade.real:read", "etoro-public:trade.real:write"],
];

/** `Seed00001`, `Seed00002`, … (9 characters; 10 past 99 999). */
export function generatedPortfolioName(index: number): string {
  return `Seed${String(index).padStart(5, "0")}`;
}

/** Names of generated tokens past the first two, e.g. `agent-3`. */
function generatedTokenName(t: number): string {
  return t === 0 ? "agent" : t === 1 ? "monitor" : `agent-${t + 1}`;
}

function seedGenerated(store: SandboxStore, userKey: string, count: number, now: number, tokensPerPortfolio: number | undefined): void {
  for (let index = 1; index <= count; index += 1) {
    const portfolio = store.createPortfolio(userKey, {
      agentPortfolioName: generatedPortfolioName(index),
      agentPortfolioDescription: `Generated portfolio #${index}`,
      investmentAmountInUsd: 200 + (index % 50) * 100,
      createdAt: iso(now - (count - index + 1) * 60_000),
    });
    const tokenCount = tokensPerPortfolio ?? (index % 2 === 0 ? 2 : 1);
    for (let t = 0; t < tokenCount; t += 1) {
      const variant = (index + t) % 5;
      const token: NewToken = {
        userTokenName: generatedTokenName(t),
        scopeNames: GENERATED_SCOPES[(index + t) % GENERATED_SCOPES.length],
        ipsWhitelist: variant % 2 === 0 ? [] : [`10.0.${Math.floor(index / 250) % 256}.${index % 250}`],
        expiresAt: variant === 0 ? undefined : iso(now + (variant - 1.5) * 30 * DAY_MS),
        createdAt: iso(now - (count - index + 1) * 60_000),
      };
      store.mintToken(userKey, portfolio.agentPortfolioId, token);
    }
  }
}

export interface SeedOptions {
  /** The account that gets the seed (the first user key). */
  userKey: string;
  /** undefined = the hand-written seed; N = N generated portfolios. */
  generatedPortfolios?: number;
  /** Tokens per generated portfolio (1..10); undefined = one or two. */
  tokensPerPortfolio?: number;
  now?: Date;
}

/** Empties the store and writes the seed. */
export function seedStore(store: SandboxStore, options: SeedOptions): void {
  const now = (options.now ?? new Date()).getTime();
  const count = options.generatedPortfolios;
  if (count !== undefined && (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED)) {
    throw new Error(`seedPortfolios must be an integer between 0 and ${MAX_GENERATED}`);
  }
  store.clear();
  if (count === undefined) seedHandWritten(store, options.userKey, now);
  else seedGenerated(store, options.userKey, count, now, options.tokensPerPortfolio);
}
