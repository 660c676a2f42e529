import { REAL_READ, REAL_WRITE } from "./scopes";

export type TokenStatus = "active" | "expiring" | "expired";
export type RiskLevel = "high" | "medium" | "low";
export type RiskFlag = "real-money-write" | "real-money-read" | "no-ip-limit" | "never-expires";

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

/**
 * Risk at a glance: real-money trading with no IP limit or no expiry is high,
 * real-money access otherwise medium, demo low. Expired tokens carry no risk.
 */
export function tokenRisk(
  token: { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null },
  now = Date.now(),
): { level: RiskLevel; flags: RiskFlag[] } {
  const flags: RiskFlag[] = [];
  const realWrite = token.scopeNames.includes(REAL_WRITE);
  if (realWrite) flags.push("real-money-write");
  else if (token.scopeNames.includes(REAL_READ)) flags.push("real-money-read");
  if (token.ipsWhitelist.length === 0) flags.push("no-ip-limit");
  if (!token.expiresAt) flags.push("never-expires");

  if (tokenStatus(token.expiresAt, now) === "expired") return { level: "low", flags };
  const unbounded = flags.includes("no-ip-limit") || flags.includes("never-expires");
  if (realWrite && unbounded) return { level: "high", flags };
  if (realWrite || flags.includes("real-money-read")) return { level: "medium", flags };
  return { level: "low", flags };
}
