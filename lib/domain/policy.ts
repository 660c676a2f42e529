/**
 * The admin policy (server settings, see README): how long a token may live, and
 * whether a real-money trading token must be limited to listed IP addresses. One rule
 * for the BFF's refusals, the forms' offers and the flags on existing tokens.
 */
import { REAL_WRITE } from "./scopes";

export type AdminPolicy = {
  /** MAX_TOKEN_LIFETIME_DAYS; null = no limit. A token must then expire within this many days. */
  maxTokenLifetimeDays: number | null;
  /** REQUIRE_IP_WHITELIST_FOR_REAL_WRITE: a real-money write token needs at least one IP. */
  requireIpWhitelistForRealWrite: boolean;
};

export const NO_POLICY: AdminPolicy = { maxTokenLifetimeDays: null, requireIpWhitelistForRealWrite: false };

export type PolicyViolation = {
  rule: "max-lifetime" | "ip-whitelist-for-real-write";
  /** The request field it concerns, for forms. */
  field: "expiresAt" | "ipsWhitelist";
  message: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** Clock skew and the seconds between a form's "90 days" and the server's check. */
const SLACK_MS = 5 * 60 * 1000;

type TokenSettings = { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null };

/**
 * What about this token breaks the policy. `since` is when its lifetime started: now
 * for a token being minted or given a new expiry, its creation time for one that exists.
 */
export function policyViolations(token: TokenSettings, policy: AdminPolicy, since: number = Date.now()): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const max = policy.maxTokenLifetimeDays;
  if (max !== null) {
    if (!token.expiresAt) {
      out.push({ rule: "max-lifetime", field: "expiresAt", message: `Tokens must expire within ${days(max)}; "Never" is not allowed.` });
    } else if (Date.parse(token.expiresAt) - since > max * DAY_MS + SLACK_MS) {
      out.push({ rule: "max-lifetime", field: "expiresAt", message: `Tokens must expire within ${days(max)} of being issued.` });
    }
  }
  if (policy.requireIpWhitelistForRealWrite && token.scopeNames.includes(REAL_WRITE) && token.ipsWhitelist.length === 0) {
    out.push({
      rule: "ip-whitelist-for-real-write",
      field: "ipsWhitelist",
      message: "Real-money trading tokens must be limited to at least one IP address.",
    });
  }
  return out;
}

/** The latest expiry the policy allows for a token issued at `now` (ISO), or null when unlimited. */
export function latestAllowedExpiry(policy: AdminPolicy, now = Date.now()): string | null {
  return policy.maxTokenLifetimeDays === null ? null : new Date(now + policy.maxTokenLifetimeDays * DAY_MS).toISOString();
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
