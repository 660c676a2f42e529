import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_READ, REAL_READ, REAL_WRITE } from "./scopes";
import { isUnboundedRealWrite } from "./risk-rule";
import { EXPIRING_WINDOW_MS, tokenRisk, tokenStatus } from "./token-status";

const now = Date.parse("2026-11-22T12:00:00Z");
const inDays = (d: number) => new Date(now + d * 86_400_000).toISOString();

describe("token status", () => {
  it("is active, expiring within 7 days, or expired", () => {
    expect(tokenStatus(null, now)).toBe("active");
    expect(tokenStatus(inDays(30), now)).toBe("active");
    expect(tokenStatus(inDays(7), now)).toBe("expiring");
    expect(tokenStatus(inDays(0.5), now)).toBe("expiring");
    expect(tokenStatus(inDays(-0.001), now)).toBe("expired");
  });
});

describe("expiring soon, relative to the token's lifetime", () => {
  const HOUR = 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  it("does not call a 24-hour token expiring when it is minted, only in its last fifth", () => {
    const created = iso(now);
    const expires = iso(now + 24 * HOUR);
    expect(tokenStatus(expires, now, created)).toBe("active");
    expect(tokenStatus(expires, now + 19 * HOUR, created)).toBe("active");
    expect(tokenStatus(expires, now + 20 * HOUR, created)).toBe("expiring");
  });

  it("caps the window at 7 days for long-lived tokens", () => {
    const created = iso(now - 365 * 86_400_000);
    expect(tokenStatus(inDays(8), now, created)).toBe("active");
    expect(tokenStatus(inDays(7), now, created)).toBe("expiring");
  });

  // Lifetimes from a minute to ten years; a moment anywhere from creation to past expiry.
  const lifetimes = fc.integer({ min: 60_000, max: 10 * 365 * 86_400_000 });
  const moments = fc.double({ min: 0, max: 1.5, noNaN: true });

  it("property: never expiring in the first 80 % of a lifetime", () => {
    fc.assert(
      fc.property(lifetimes, fc.double({ min: 0, max: 0.79, noNaN: true }), (lifetime, share) => {
        const at = now + Math.floor(lifetime * share);
        expect(tokenStatus(iso(now + lifetime), at, iso(now))).toBe("active");
      }),
    );
  });

  it("property: expired exactly from the expiry on; expiring at most 7 days and at most a fifth of the lifetime before it", () => {
    fc.assert(
      fc.property(lifetimes, moments, (lifetime, share) => {
        const expires = now + lifetime;
        const at = now + Math.floor(lifetime * share);
        const status = tokenStatus(iso(expires), at, iso(now));
        if (at >= expires) expect(status).toBe("expired");
        else if (status === "expiring") {
          expect(expires - at).toBeLessThanOrEqual(EXPIRING_WINDOW_MS);
          expect(expires - at).toBeLessThanOrEqual(lifetime * 0.2 + 1);
        } else expect(expires - at).toBeGreaterThan(Math.min(EXPIRING_WINDOW_MS, lifetime * 0.2) - 1);
      }),
    );
  });

  it("property: time only moves a token forward: active, then expiring, then expired", () => {
    const rank = { active: 0, expiring: 1, expired: 2 } as const;
    fc.assert(
      fc.property(lifetimes, moments, moments, (lifetime, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const status = (share: number) => tokenStatus(iso(now + lifetime), now + Math.floor(lifetime * share), iso(now));
        expect(rank[status(early)]).toBeLessThanOrEqual(rank[status(late)]);
      }),
    );
  });
});

describe("token risk", () => {
  it("rates unbounded real-money trading high", () => {
    expect(tokenRisk({ scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: inDays(30) }, now).level).toBe("high");
    expect(tokenRisk({ scopeNames: [REAL_WRITE], ipsWhitelist: ["1.2.3.4"], expiresAt: null }, now).level).toBe("high");
  });
  it("rates bounded real-money access medium and demo low", () => {
    expect(tokenRisk({ scopeNames: [REAL_WRITE], ipsWhitelist: ["1.2.3.4"], expiresAt: inDays(30) }, now).level).toBe("medium");
    expect(tokenRisk({ scopeNames: [REAL_READ], ipsWhitelist: [], expiresAt: null }, now).level).toBe("medium");
    expect(tokenRisk({ scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: null }, now).level).toBe("low");
  });
  it("rates an expired token low", () => {
    expect(tokenRisk({ scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: inDays(-1) }, now).level).toBe("low");
  });
  it("asks for acknowledgement only for unbounded real-money trading", () => {
    expect(isUnboundedRealWrite({ scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: inDays(1) })).toBe(true);
    expect(isUnboundedRealWrite({ scopeNames: [REAL_READ], ipsWhitelist: [], expiresAt: null })).toBe(false);
  });
});
