import { accessGained } from "./access-change";
import { REAL_WRITE } from "./scopes";

/** What decides a token's risk: what it may do, from where, until when (null: never expires). */
export type TokenBounds = { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null };

/** A real-money trading token with no IP limit or no expiry: usable by anyone who holds it, from anywhere or for ever. */
export function isUnboundedRealWrite(token: TokenBounds): boolean {
  return token.scopeNames.includes(REAL_WRITE) && (token.ipsWhitelist.length === 0 || !token.expiresAt);
}

/**
 * Whether an already unbounded token gains in a way its risk was not accepted for: a
 * new scope, a new address (or no limit), a lost expiry. A later expiry is not asked
 * about: the token's date is not what made it risky (its missing IP limit is), unlike
 * for grantsAccess, where any gain must be recorded first.
 */
function riskWidened(before: TokenBounds, after: TokenBounds): boolean {
  const gained = accessGained(before, after);
  return gained.scope || gained.anyAddress || gained.newAddress || gained.noExpiry;
}

/**
 * The one risk rule, on the client and the server alike: the person must
 * acknowledge the risk when the token will be an unbounded real-money trading
 * token (`after`) and it is new (`before` null) or the change grants or widens
 * something. Making a risky token safer (an expiry, an IP limit) never asks.
 */
export function riskAcknowledgementNeeded(before: TokenBounds | null, after: TokenBounds): boolean {
  if (!isUnboundedRealWrite(after)) return false;
  return before === null || !isUnboundedRealWrite(before) || riskWidened(before, after);
}

/** The words for the rule, shared by the mint and update checks. */
export const RISK_NOT_ACKNOWLEDGED_MESSAGE =
  "A real-money trading token without an IP limit or without an expiry can be misused from anywhere, for ever. Confirm that you accept this (acknowledgeRisk).";

export const RISK_NOT_ACKNOWLEDGED = "RiskNotAcknowledged";
