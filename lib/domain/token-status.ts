import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { REAL_READ, REAL_WRITE } from "./scopes";
import { heldByBoundaries } from "./token-boundaries";

export type TokenStatus = "active" | "expiring" | "expired";
export type RiskLevel = "high" | "medium" | "low";
export type RiskFlag = "real-money-write" | "real-money-read" | "no-ip-limit" | "never-expires" | "held-by-boundaries";

/** "Expiring soon" is the last EXPIRING_SHARE of a token's lifetime, but never more than EXPIRING_WINDOW_MS. */
export const EXPIRING_SHARE = 0.2;
export const EXPIRING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * How long before its expiry a token counts as expiring: a fifth of its
 * lifetime, at most 7 days. A 24-hour token is expiring in its last 4.8 hours,
 * a 90-day one in its last week. With no known creation time, the 7-day window.
 */
export function expiringWindowMs(expiresAt: number, createdAt: number | null): number {
  if (createdAt === null || !Number.isFinite(createdAt) || createdAt >= expiresAt) return EXPIRING_WINDOW_MS;
  return Math.min(EXPIRING_WINDOW_MS, (expiresAt - createdAt) * EXPIRING_SHARE);
}

/** active, expiring (near the end of its lifetime) or expired; a token with no expiry is active. */
export function tokenStatus(expiresAt: string | null, now = Date.now(), createdAt: string | null = null): TokenStatus {
  if (!expiresAt) return "active";
  const at = Date.parse(expiresAt);
  if (at <= now) return "expired";
  const created = createdAt ? Date.parse(createdAt) : null;
  return at - now <= expiringWindowMs(at, created) ? "expiring" : "active";
}

/** What the gateway holds a token to: counted only when eToro accepts it from the gateway alone. */
export type GatewayHold = { gatewayOnly: boolean | null; boundaries: TokenBoundaries | null };

/**
 * Risk at a glance: real-money trading with no IP limit or no expiry is high,
 * real-money access otherwise medium, demo low. Expired tokens carry no risk.
 * A real-money trading token held by its boundaries at the gateway (read-only,
 * every order approved, or a small daily or weekly budget; see heldByBoundaries)
 * is medium even without an IP limit or an expiry: what a thief could do with
 * it is capped. Boundaries on a token that can go around the gateway count for nothing.
 */
export function tokenRisk(
  token: { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null },
  now = Date.now(),
  hold: GatewayHold = { gatewayOnly: null, boundaries: null },
): { level: RiskLevel; flags: RiskFlag[] } {
  const flags: RiskFlag[] = [];
  const realWrite = token.scopeNames.includes(REAL_WRITE);
  if (realWrite) flags.push("real-money-write");
  else if (token.scopeNames.includes(REAL_READ)) flags.push("real-money-read");
  if (token.ipsWhitelist.length === 0) flags.push("no-ip-limit");
  if (!token.expiresAt) flags.push("never-expires");

  if (tokenStatus(token.expiresAt, now) === "expired") return { level: "low", flags };
  const unbounded = flags.includes("no-ip-limit") || flags.includes("never-expires");
  if (realWrite && heldByBoundaries(hold)) flags.push("held-by-boundaries");
  if (realWrite && unbounded && !flags.includes("held-by-boundaries")) return { level: "high", flags };
  if (realWrite || flags.includes("real-money-read")) return { level: "medium", flags };
  return { level: "low", flags };
}
