import { describe, expect, it } from "vitest";
import { expiryAttention, extendedExpiry, extensionFor } from "./expiry";
import type { PortfolioView, TokenView } from "./types";

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 5, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const token = (name: string, expiresAt: string | null, createdAt: string | null = null) =>
  ({ userTokenId: name, userTokenName: name, expiresAt, createdAt }) as TokenView;

describe("expiry", () => {
  it("lists tokens expiring within 7 days and expired ones, soonest first; never-expiring ones are fine", () => {
    const p = { agentPortfolioId: "p", userTokens: [token("later", iso(now + 8 * DAY)), token("soon", iso(now + 2 * DAY)), token("sooner", iso(now + DAY)), token("gone", iso(now - DAY)), token("never", null)] } as PortfolioView;
    const { expiring, expired } = expiryAttention([p], now);
    expect(expiring.map((i) => i.token.userTokenName)).toEqual(["sooner", "soon"]);
    expect(expired.map((i) => i.token.userTokenName)).toEqual(["gone"]);
  });

  it("Extend grants the token's own lifetime again, from now", () => {
    const t = token("t", iso(now + 2 * DAY), iso(now - 88 * DAY));
    expect(extensionFor(t)).toBe(90 * DAY);
    expect(extendedExpiry(t, now)).toBe(iso(now + 90 * DAY));
  });

  it("falls back to 30 days, and never exceeds the policy's maximum lifetime", () => {
    expect(extensionFor(token("t", iso(now + DAY)))).toBe(30 * DAY);
    expect(extensionFor(token("t", iso(now + DAY), iso(now - DAY)))).toBe(30 * DAY); // a 2-day token: not 2 days again
    expect(extensionFor(token("t", iso(now + 2 * DAY), iso(now - 363 * DAY)), 90)).toBe(90 * DAY);
  });
});
