import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_BOUNDARIES, tokenBoundariesSchema } from "./boundaries";

describe("token boundaries schema", () => {
  it("reads an empty object (a token from before boundaries) as no boundaries", () => {
    expect(tokenBoundariesSchema.parse({})).toEqual(NO_BOUNDARIES);
    expect(NO_BOUNDARIES).toMatchObject({ maxOrderUsdCents: null, readOnly: false, instrumentsAllowed: [], approval: { aboveUsdCents: null } });
  });

  it("refuses fractional cents, zero or negative money, and empty trading windows", () => {
    expect(tokenBoundariesSchema.safeParse({ maxOrderUsdCents: 10.5 }).success).toBe(false);
    expect(tokenBoundariesSchema.safeParse({ dailyBudgetUsdCents: 0 }).success).toBe(false);
    expect(tokenBoundariesSchema.safeParse({ weeklyBudgetUsdCents: -1 }).success).toBe(false);
    expect(tokenBoundariesSchema.safeParse({ tradingHours: { fromUtc: "09:00", toUtc: "09:00" } }).success).toBe(false);
    expect(tokenBoundariesSchema.safeParse({ tradingHours: { fromUtc: "22:00", toUtc: "06:00" } }).success).toBe(true);
    expect(tokenBoundariesSchema.safeParse({ tradingHours: { fromUtc: "24:00", toUtc: "06:00" } }).success).toBe(false);
  });

  it("never throws on any JSON, and what it accepts parses again to itself", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = tokenBoundariesSchema.safeParse(value);
        if (parsed.success) expect(tokenBoundariesSchema.parse(parsed.data)).toEqual(parsed.data);
      }),
      { numRuns: 2000 },
    );
  });
});
