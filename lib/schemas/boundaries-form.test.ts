import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_USD_CENTS, NO_BOUNDARIES, tokenBoundariesSchema, type TokenBoundaries } from "./boundaries";
import { boundariesFromSnapshot } from "@/lib/domain/boundary-words";
import { boundariesDraftSchema, centsToUsdText, draftFromBoundaries, EMPTY_BOUNDARIES_DRAFT, sameBoundaries, usdTextToCents } from "./boundaries-form";

const draft = (over: Partial<typeof EMPTY_BOUNDARIES_DRAFT>) => ({ ...EMPTY_BOUNDARIES_DRAFT, ...over });
const messageAt = (input: unknown, field: string) => {
  const parsed = boundariesDraftSchema.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === field)?.message;
};

/** Any boundaries the shared schema accepts (money in whole cents). */
const boundariesArb: fc.Arbitrary<TokenBoundaries> = fc
  .record({
    maxOrderUsdCents: fc.option(fc.integer({ min: 1, max: MAX_USD_CENTS }), { nil: null }),
    maxLeverage: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
    dailyBudgetUsdCents: fc.option(fc.integer({ min: 1, max: MAX_USD_CENTS }), { nil: null }),
    weeklyBudgetUsdCents: fc.option(fc.integer({ min: 1, max: MAX_USD_CENTS }), { nil: null }),
    instrumentsAllowed: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 5 }),
    instrumentsRefused: fc.uniqueArray(fc.integer({ min: 501, max: 1000 }), { maxLength: 5 }),
    tradingHours: fc.option(
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).filter(([a, b, c, d]) => a !== c || b !== d).map(([a, b, c, d]) => ({
        fromUtc: `${String(a).padStart(2, "0")}:${String(b).padStart(2, "0")}`,
        toUtc: `${String(c).padStart(2, "0")}:${String(d).padStart(2, "0")}`,
      })),
      { nil: null },
    ),
    requestsPerMinute: fc.option(fc.integer({ min: 1, max: 6000 }), { nil: null }),
    readOnly: fc.boolean(),
    approval: fc.record({
      aboveUsdCents: fc.option(fc.integer({ min: 1, max: MAX_USD_CENTS }), { nil: null }),
      everyRealOrder: fc.boolean(),
      outsideInstrumentList: fc.boolean(),
    }),
  })
  .map((b) => tokenBoundariesSchema.parse(b));

describe("dollars and cents as typed → whole cents", () => {
  it.each([
    ["250", 25_000],
    ["99.5", 9_950],
    ["99.50", 9_950],
    ["0.01", 1],
    ["$1,234.56", 123_456],
    [" 1000000 ", 100_000_000],
    ["007", 700],
  ])("%s is %i cents", (text, cents) => expect(usdTextToCents(text)).toBe(cents));

  it.each(["", "abc", "1.234", "1,23", "-5", "1e3", "12.", ".5", "1 000", "0x10"])("%j is not an amount", (text) => {
    expect(usdTextToCents(text)).toBeNull();
  });

  it("round-trips every amount the schema allows, exactly (no floating point drift)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_USD_CENTS }), (cents) => {
        expect(usdTextToCents(centsToUsdText(cents))).toBe(cents);
        expect(boundariesDraftSchema.parse(draft({ maxOrderUsd: centsToUsdText(cents) })).maxOrderUsdCents).toBe(cents);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the draft schema", () => {
  it("reads an untouched draft as no boundaries", () => {
    expect(boundariesDraftSchema.parse(EMPTY_BOUNDARIES_DRAFT)).toEqual(NO_BOUNDARIES);
  });

  it("puts each message on the field the person typed in, in words", () => {
    expect(messageAt(draft({ maxOrderUsd: "12.345" }), "maxOrderUsd")).toBe("Enter dollars and cents, such as 250 or 99.50.");
    expect(messageAt(draft({ dailyBudgetUsd: "0" }), "dailyBudgetUsd")).toBe("Enter an amount above zero, or leave it empty for no limit.");
    expect(messageAt(draft({ weeklyBudgetUsd: "100000001" }), "weeklyBudgetUsd")).toBe("That is more than any account holds.");
    expect(messageAt(draft({ approvalAboveUsd: "999999999999999999999" }), "approvalAboveUsd")).toBe("That is more than any account holds.");
    expect(messageAt(draft({ maxLeverage: "2.5" }), "maxLeverage")).toMatch(/whole number from 1 to 1000/);
    expect(messageAt(draft({ requestsPerMinute: "0" }), "requestsPerMinute")).toMatch(/whole number from 1 to 6000/);
    expect(messageAt(draft({ hoursLimited: true, fromUtc: "09:00", toUtc: "09:00" }), "toUtc")).toMatch(/must not start and end/);
    expect(messageAt(draft({ hoursLimited: true, fromUtc: "25:00" }), "fromUtc")).toMatch(/24-hour UTC time/);
    const both = [{ instrumentId: 1001, symbol: "AAPL" }];
    expect(messageAt(draft({ instrumentsAllowed: both, instrumentsRefused: both }), "instrumentsRefused")).toBe("AAPL is both allowed and refused. Remove it from one list.");
  });

  it("ignores the window's times while trading hours are off", () => {
    expect(boundariesDraftSchema.parse(draft({ hoursLimited: false, fromUtc: "nonsense", toUtc: "" })).tradingHours).toBeNull();
  });

  it("never throws, whatever is typed, and what it accepts is valid shared boundaries with whole cents", () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^\$?[0-9,]{0,16}(\.[0-9]{0,3})?$/));
    fc.assert(
      fc.property(
        fc.record({
          maxOrderUsd: text,
          maxLeverage: text,
          dailyBudgetUsd: text,
          weeklyBudgetUsd: text,
          requestsPerMinute: text,
          approvalAboveUsd: text,
          hoursLimited: fc.boolean(),
          fromUtc: fc.string({ maxLength: 6 }),
          toUtc: fc.string({ maxLength: 6 }),
        }),
        (typed) => {
          const parsed = boundariesDraftSchema.safeParse(draft(typed));
          if (!parsed.success) {
            for (const issue of parsed.error.issues) expect(Object.keys(EMPTY_BOUNDARIES_DRAFT)).toContain(String(issue.path[0]));
            return;
          }
          expect(tokenBoundariesSchema.parse(parsed.data)).toEqual(parsed.data);
          for (const cents of [parsed.data.maxOrderUsdCents, parsed.data.dailyBudgetUsdCents, parsed.data.weeklyBudgetUsdCents, parsed.data.approval.aboveUsdCents]) {
            if (cents !== null) expect(Number.isSafeInteger(cents) && cents > 0 && cents <= MAX_USD_CENTS).toBe(true);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it("stored boundaries → the edit dialog's draft → boundaries is the identity", () => {
    fc.assert(
      fc.property(boundariesArb, (b) => {
        const back = boundariesDraftSchema.parse(draftFromBoundaries(b));
        expect(sameBoundaries(back, b)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("the audit's light reader of a ledger row reads stored boundaries exactly as the schema does", () => {
    fc.assert(
      fc.property(boundariesArb, (b) => {
        expect(boundariesFromSnapshot(JSON.parse(JSON.stringify(b)))).toEqual(b);
      }),
      { numRuns: 300 },
    );
    expect(boundariesFromSnapshot({})).toEqual(NO_BOUNDARIES);
    expect(boundariesFromSnapshot("nope")).toBeNull();
  });
});
