/**
 * Which tokens need attention for their expiry, and what "Extend" sets: the token's
 * own lifetime again (created → expiry), counted from now, so a 30-day token gets 30
 * more days; 30 days when its creation time is unknown; never past the admin policy's
 * maximum lifetime.
 */
import { EXPIRING_WINDOW_MS, tokenStatus } from "./token-status";
import type { PortfolioView, TokenView } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_EXTENSION_MS = 30 * DAY_MS;

export type ExpiryItem = { portfolio: PortfolioView; token: TokenView };

export function expiryAttention(portfolios: PortfolioView[], now = Date.now()): { expiring: ExpiryItem[]; expired: ExpiryItem[] } {
  const expiring: ExpiryItem[] = [];
  const expired: ExpiryItem[] = [];
  for (const portfolio of portfolios) {
    for (const token of portfolio.userTokens) {
      const status = tokenStatus(token.expiresAt, now);
      if (status === "expiring") expiring.push({ portfolio, token });
      else if (status === "expired") expired.push({ portfolio, token });
    }
  }
  const soonest = (a: ExpiryItem, b: ExpiryItem) => Date.parse(a.token.expiresAt!) - Date.parse(b.token.expiresAt!);
  return { expiring: expiring.sort(soonest), expired: expired.sort(soonest) };
}

/** The lifetime Extend grants, in ms. */
export function extensionFor(token: Pick<TokenView, "createdAt" | "expiresAt">, maxLifetimeDays: number | null = null): number {
  const created = token.createdAt ? Date.parse(token.createdAt) : NaN;
  const expires = token.expiresAt ? Date.parse(token.expiresAt) : NaN;
  const own = expires - created;
  // A lifetime shorter than the warning window would be "expiring" again at once.
  let lifetime = Number.isFinite(own) && own > EXPIRING_WINDOW_MS ? own : DEFAULT_EXTENSION_MS;
  if (maxLifetimeDays !== null) lifetime = Math.min(lifetime, maxLifetimeDays * DAY_MS);
  return lifetime;
}

/** The new expiry Extend sends (ISO, whole minutes). */
export function extendedExpiry(token: Pick<TokenView, "createdAt" | "expiresAt">, now = Date.now(), maxLifetimeDays: number | null = null): string {
  const at = now + extensionFor(token, maxLifetimeDays);
  return new Date(Math.floor(at / 60_000) * 60_000).toISOString();
}
