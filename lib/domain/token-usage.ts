/**
 * What the gateway's usage records say about a token, as the browser gets it: the
 * list's facts (last used, calls in the last 24 h, gateway-only), the token's usage
 * view (totals, buckets by outcome, operations, addresses, orders, refusals), and
 * the rules both read (the outcome of a call, "unused for 30 days", empty buckets).
 * Pure: shared by the server and the browser.
 */
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import type { BudgetUse } from "./token-boundaries";

/** ok: 2xx from upstream; failed: upstream answered otherwise; refused: the gateway stopped it. */
export type Outcome = "ok" | "failed" | "refused";
export const OUTCOMES: readonly Outcome[] = ["ok", "failed", "refused"];
export type OutcomeCounts = Record<Outcome, number>;

export type UsageBucket = OutcomeCounts & { at: string };

export type TokenUsageFacts = {
  /** The latest call through the gateway; null when none was ever recorded. */
  lastUsedAt: string | null;
  calls24h: number;
  /** True when eToro only accepts it from the gateway; null when the gateway's registry does not know the token. */
  gatewayOnly: boolean | null;
  /** A gateway-only token's agent addresses, checked at the gateway (its eToro whitelist is the gateway's); empty otherwise. */
  agentIps: string[];
};

export const NO_USAGE: TokenUsageFacts = { lastUsedAt: null, calls24h: 0, gatewayOnly: null, agentIps: [] };

/** The door a call came through: eToro's REST paths, or a tool of the gateway's MCP server. */
export type UsageChannel = "rest" | "mcp";
export type UsageOperation = { operationId: string; via: UsageChannel; calls: number; lastAt: string };
export type UsageAddress = { address: string; calls: number; lastAt: string };
export type UsageOrder = {
  at: string;
  operationId: string;
  environment: string;
  instrument: string | null;
  side: string | null;
  amount: number | null;
  units: number | null;
  leverage: number | null;
  status: number;
  orderId: string | null;
  positionId: string | null;
  requestId: string;
  via: UsageChannel;
};
export type UsageRefusal = { at: string; operationId: string; reason: string; clientAddress: string; requestId: string; via: UsageChannel };

/** GET /api/tokens/:tokenId/usage. */
export type TokenUsage = {
  userTokenId: string;
  userTokenName: string;
  agentPortfolioId: string;
  agentPortfolioName: string | null;
  gatewayOnly: boolean | null;
  lastUsedAt: string | null;
  totals: OutcomeCounts;
  /** The last 48 hours, oldest first, one per hour (UTC), empty hours included. */
  hourly: UsageBucket[];
  /** The last 30 days, oldest first, one per UTC day, empty days included. */
  daily: UsageBucket[];
  operations: UsageOperation[];
  addresses: UsageAddress[];
  /** The latest orders, newest first. */
  orders: UsageOrder[];
  /** The latest refusals, newest first. */
  refusals: UsageRefusal[];
  /** The server's now, the end of the buckets. */
  now: string;
  /** What the gateway holds the token to, and its budgets' use now; null when the registry does not know the token. */
  boundaries: TokenBoundaries | null;
  budget: BudgetUse | null;
};

export const HOURLY_BUCKETS = 48;
export const DAILY_BUCKETS = 30;
export const LATEST_ROWS = 50;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const IDLE_AFTER_MS = 30 * DAY;

/**
 * Idle, so worth revoking: no call for 30 days (or never) and minted over 30 days
 * ago — or minted at a time nobody knows, which is no reason to keep it.
 */
export function isUnused30d(t: { lastUsedAt: string | null; createdAt: string | null }, now: number): boolean {
  const cutoff = now - IDLE_AFTER_MS;
  const usedRecently = t.lastUsedAt !== null && Date.parse(t.lastUsedAt) > cutoff;
  const mintedRecently = t.createdAt !== null && Date.parse(t.createdAt) > cutoff;
  return !usedRecently && !mintedRecently;
}

/** A token eToro accepts from anywhere its own whitelist allows, not only from the gateway. */
export function canBypassGateway(t: { gatewayOnly: boolean | null }): boolean {
  return t.gatewayOnly !== true;
}

/** The start of the UTC hour or day holding `at`. */
export function bucketStart(at: number, unit: "hour" | "day"): number {
  const size = unit === "hour" ? HOUR : DAY;
  return Math.floor(at / size) * size;
}

/** `count` buckets ending with the one holding `now`, filled from the database's rows (keyed by their start). */
export function fillBuckets(rows: Map<number, OutcomeCounts>, now: number, unit: "hour" | "day", count: number): UsageBucket[] {
  const size = unit === "hour" ? HOUR : DAY;
  const last = bucketStart(now, unit);
  return Array.from({ length: count }, (_, i) => {
    const start = last - (count - 1 - i) * size;
    return { at: new Date(start).toISOString(), ...(rows.get(start) ?? { ok: 0, failed: 0, refused: 0 }) };
  });
}
