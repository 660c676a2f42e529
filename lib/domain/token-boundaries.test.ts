import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_BOUNDARIES, type TokenBoundaries } from "@/lib/schemas/boundaries";
import { boundariesSummary, boundaryLines, NO_BOUNDARIES_TEXT } from "./boundary-words";
import { REAL_READ, REAL_WRITE } from "./scopes";
import { boundariesLoosened, budgetUse, heldByBoundaries, utcDayStart, utcWeekStart } from "./token-boundaries";
import { tokenRisk } from "./token-status";
import { riskBadgeText } from "./token-words";

const b = (over: Partial<TokenBoundaries>): TokenBoundaries => ({ ...NO_BOUNDARIES, ...over });

describe("budget windows (UTC)", () => {
  it("a day starts at 00:00 UTC and a week on Monday 00:00 UTC, whatever the time zone of the machine", () => {
    const sundayLate = Date.parse("2026-03-15T23:59:59.999Z");
    expect(new Date(utcDayStart(sundayLate)).toISOString()).toBe("2026-03-15T00:00:00.000Z");
    expect(new Date(utcWeekStart(sundayLate)).toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(new Date(utcWeekStart(Date.parse("2026-03-16T00:00:00Z"))).toISOString()).toBe("2026-03-16T00:00:00.000Z");
  });

  it("every instant lies in its week, which starts on a Monday", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (now) => {
        const week = utcWeekStart(now);
        expect(new Date(week).getUTCDay()).toBe(1);
        expect(now - week).toBeGreaterThanOrEqual(0);
        expect(now - week).toBeLessThan(7 * 86_400_000);
      }),
    );
  });

  it("used and left per budget, left never below zero; no budget, no entry", () => {
    const now = Date.parse("2026-03-11T10:00:00Z");
    const use = budgetUse(b({ dailyBudgetUsdCents: 500_00 }), { day: 620_00, week: 0 }, now);
    expect(use.week).toBeNull();
    expect(use.day).toEqual({
      usedCents: 620_00,
      limitCents: 500_00,
      leftCents: 0,
      windowStart: "2026-03-11T00:00:00.000Z",
      resetsAt: "2026-03-12T00:00:00.000Z",
    });
  });
});

describe("risk with boundaries", () => {
  const unbounded = { scopeNames: [REAL_READ, REAL_WRITE], ipsWhitelist: [], expiresAt: null };
  const small = b({ dailyBudgetUsdCents: 500_00 });

  it("a real-money trading token with a small daily budget, gateway-only, is not high risk", () => {
    const risk = tokenRisk(unbounded, Date.now(), { gatewayOnly: true, boundaries: small });
    expect(risk.level).toBe("medium");
    expect(riskBadgeText(risk)).toBe("Medium risk: real money, any IP, never expires, capped at the gateway");
  });

  it("boundaries on a token that can go around the gateway count for nothing", () => {
    expect(tokenRisk(unbounded, Date.now(), { gatewayOnly: false, boundaries: small }).level).toBe("high");
    expect(tokenRisk(unbounded, Date.now(), { gatewayOnly: null, boundaries: small }).level).toBe("high");
  });

  it("a large budget, or only a per-order limit, does not cap a leaked token", () => {
    expect(tokenRisk(unbounded, Date.now(), { gatewayOnly: true, boundaries: b({ dailyBudgetUsdCents: 50_000_00 }) }).level).toBe("high");
    expect(tokenRisk(unbounded, Date.now(), { gatewayOnly: true, boundaries: b({ maxOrderUsdCents: 100_00 }) }).level).toBe("high");
  });

  it("read-only, every order approved, or a small weekly budget hold it too", () => {
    for (const held of [b({ readOnly: true }), b({ approval: { aboveUsdCents: null, everyRealOrder: true, outsideInstrumentList: false } }), b({ weeklyBudgetUsdCents: 2_000_00 })]) {
      expect(heldByBoundaries({ gatewayOnly: true, boundaries: held })).toBe(true);
      expect(tokenRisk(unbounded, Date.now(), { gatewayOnly: true, boundaries: held }).level).toBe("medium");
    }
  });

  it("a demo or read-only token is unchanged by boundaries", () => {
    expect(tokenRisk({ scopeNames: [REAL_READ], ipsWhitelist: [], expiresAt: null }, Date.now(), { gatewayOnly: true, boundaries: small })).toEqual({
      level: "medium",
      flags: ["real-money-read", "no-ip-limit", "never-expires"],
    });
  });
});

describe("loosening", () => {
  const tight = b({
    maxOrderUsdCents: 100_00,
    dailyBudgetUsdCents: 500_00,
    instrumentsAllowed: [1, 2],
    instrumentsRefused: [9],
    tradingHours: { fromUtc: "09:00", toUtc: "17:00" },
    readOnly: true,
    approval: { aboveUsdCents: 50_00, everyRealOrder: true, outsideInstrumentList: false },
  });

  it("a change to itself or a tightening is not a loosening", () => {
    expect(boundariesLoosened(tight, tight)).toBe(false);
    expect(boundariesLoosened(NO_BOUNDARIES, tight)).toBe(false);
    expect(boundariesLoosened(tight, { ...tight, maxOrderUsdCents: 99_99, instrumentsAllowed: [1], instrumentsRefused: [9, 10] })).toBe(false);
  });

  it.each<[string, Partial<TokenBoundaries>]>([
    ["a raised limit", { maxOrderUsdCents: 100_01 }],
    ["a removed budget", { dailyBudgetUsdCents: null }],
    ["an instrument added to the allowed list", { instrumentsAllowed: [1, 2, 3] }],
    ["the allowed list emptied (any instrument)", { instrumentsAllowed: [] }],
    ["an instrument taken off the refused list", { instrumentsRefused: [] }],
    ["trading hours removed", { tradingHours: null }],
    ["read-only dropped", { readOnly: false }],
    ["a raised approval threshold", { approval: { aboveUsdCents: 60_00, everyRealOrder: true, outsideInstrumentList: false } }],
    ["asking instead of refusing outside the list", { approval: { aboveUsdCents: 50_00, everyRealOrder: true, outsideInstrumentList: true } }],
  ])("%s is a loosening", (_, change) => {
    expect(boundariesLoosened(tight, { ...tight, ...change })).toBe(true);
  });
});

describe("boundaries in words", () => {
  it("says each boundary in a sentence, and none in one", () => {
    expect(boundaryLines(NO_BOUNDARIES)).toEqual([NO_BOUNDARIES_TEXT]);
    expect(boundaryLines(b({ maxOrderUsdCents: 100_50, dailyBudgetUsdCents: 500_00, instrumentsAllowed: [1001] }), () => "AAPL")).toEqual([
      "At most $100.50 per order.",
      "Opens at most $500.00 a day (resets 00:00 UTC).",
      "Only these instruments: AAPL.",
    ]);
    expect(boundariesSummary(b({ maxOrderUsdCents: 100_00, dailyBudgetUsdCents: 500_50, maxLeverage: 2 }))).toBe("$100/order, $500.50/day, leverage ≤ 2×");
    expect(boundariesSummary(NO_BOUNDARIES)).toBe("none");
  });
});
