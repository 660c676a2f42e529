import { isUnboundedRealWrite } from "./risk-rule";
import { REAL_READ, REAL_WRITE } from "./scopes";

export type TokenStatus = "active" | "expiring" | "expired";
export type RiskLevel = "high" | "medium" | "low";
export type RiskFlag = "real-money-write" | "real-money-read" | "no-ip-limit" | "never-expires";

export const EXPIRING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** active, expiring (within 7 days) or expired; a token with no expiry is active. */
export function tokenStatus(expiresAt: string | null, now = Date.now()): TokenStatus {
  if (!expiresAt) return "active";
  const at = Date.parse(expiresAt);
  if (at <= now) return "expired";
  return at - now <= EXPIRING_WINDOW_MS ? "expiring" : "active";
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

/** Whether the token is an unbounded real-money trading token (see risk-rule.ts for when that needs an acknowledgement). */
export const needsRiskAcknowledgement = isUnboundedRealWrite;
