/**
 * The words a token row shows, in one place: the row renders them and the
 * search matches them, so whatever a person reads on screen finds the token.
 */
import { describeScope } from "./scopes";
import type { RiskFlag, RiskLevel, TokenStatus } from "./token-status";
import type { PortfolioView, TokenView } from "./types";

export const STATUS_TEXT: Record<TokenStatus, string> = { active: "Active", expiring: "Expiring soon", expired: "Expired" };

const LEVEL_TEXT: Record<RiskLevel, string> = { high: "High risk", medium: "Medium risk", low: "Low risk" };

/** Each reason as few words as fit on a badge… */
const FLAG_WORDS: Record<RiskFlag, string> = {
  "real-money-write": "real money",
  "real-money-read": "reads real money",
  "no-ip-limit": "any IP",
  "never-expires": "never expires",
  "held-by-boundaries": "capped at the gateway",
};

/** …and as a sentence, for the badge's hover title and screen readers' description. */
export const FLAG_SENTENCES: Record<RiskFlag, string> = {
  "real-money-write": "trades real money",
  "real-money-read": "reads the real-money account",
  "no-ip-limit": "usable from any IP",
  "never-expires": "never expires",
  "held-by-boundaries": "held by its boundaries at the gateway (read-only, every order approved, or a small budget)",
};

/** "High risk: real money, any IP"; null for low risk, which shows no badge. */
export function riskBadgeText(risk: { level: RiskLevel; flags: RiskFlag[] }): string | null {
  if (risk.level === "low") return null;
  const reasons = risk.flags.map((f) => FLAG_WORDS[f]);
  return reasons.length ? `${LEVEL_TEXT[risk.level]}: ${reasons.join(", ")}` : LEVEL_TEXT[risk.level];
}

export const ANY_IP = "any IP";

/**
 * The addresses a row names: a gateway-only token's eToro whitelist is the
 * gateway's own egress, so the row shows the agent's addresses, checked at the gateway.
 */
export function shownIps(t: Pick<TokenView, "ipsWhitelist" | "gatewayOnly" | "agentIps">): { label: string; ips: string[] } {
  return t.gatewayOnly === true ? { label: "Agent IPs", ips: t.agentIps ?? [] } : { label: "IPs", ips: t.ipsWhitelist };
}
export const NEVER_EXPIRES = "never expires";

export function replacesText(token: Pick<TokenView, "replaces">): string | null {
  return token.replaces ? `Replaces ${token.replaces.userTokenName ?? "an earlier token"}` : null;
}

export function replacedByText(token: Pick<TokenView, "replacedBy">): string | null {
  return token.replacedBy ? `Replaced by ${token.replacedBy.userTokenName ?? "a newer token"}` : null;
}

/** Everything a token row says, lower-cased, for the search box. */
export function tokenSearchText(t: TokenView): string {
  return [
    t.userTokenName,
    STATUS_TEXT[t.status],
    riskBadgeText(t.risk) ?? LEVEL_TEXT[t.risk.level],
    ...t.scopeNames.flatMap((s) => [s, describeScope(s).label]),
    ...(shownIps(t).ips.length ? shownIps(t).ips : [ANY_IP]),
    t.expiresAt ? (t.status === "expired" ? "expired" : "expires") : NEVER_EXPIRES,
    replacesText(t),
    replacedByText(t),
    t.secretHint ? `…${t.secretHint}` : null,
    t.externalApplicationName,
  ]
    .filter(Boolean)
    .join("\n")
    .toLowerCase();
}

/** What a portfolio card's header says, lower-cased, for the search box. */
export function portfolioSearchText(p: PortfolioView): string {
  return [p.agentPortfolioName, p.agentPortfolioGcid == null ? null : String(p.agentPortfolioGcid), p.agentPortfolioDescription]
    .filter(Boolean)
    .join("\n")
    .toLowerCase();
}
