import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accessGained, grantsAccess, updatedBounds, type BoundsChange } from "./access-change";
import { isUnboundedRealWrite, riskAcknowledgementNeeded, type TokenBounds } from "./risk-rule";
import { DEMO_READ, REAL_READ, REAL_WRITE } from "./scopes";

const in30Days = "2030-01-31T00:00:00.000Z";
const in90Days = "2030-04-01T00:00:00.000Z";
const token = { scopeNames: ["a:read", "a:write"], ipsWhitelist: ["203.0.113.7"], expiresAt: in30Days };

describe("grantsAccess: which token changes are grants", () => {
  it.each([
    ["a scope it lacks", { scopeNames: ["a:read", "b:write"] }],
    ["an IP outside its whitelist", { ipsWhitelist: ["203.0.113.7", "198.51.100.1"] }],
    ["dropping the whitelist (any IP)", { ipsWhitelist: [] }],
    ["a later expiry", { expiresAt: in90Days }],
  ])("%s widens", (_label, change) => {
    expect(grantsAccess(token, change)).toBe(true);
  });

  it.each([
    ["fewer scopes", { scopeNames: ["a:read"] }],
    ["fewer IPs", { ipsWhitelist: ["203.0.113.7"] }, { ...token, ipsWhitelist: ["203.0.113.7", "198.51.100.1"] }],
    ["a whitelist where there was none", { ipsWhitelist: ["203.0.113.7"] }, { ...token, ipsWhitelist: [] }],
    ["an earlier expiry", { expiresAt: "2030-01-02T00:00:00.000Z" }],
    ["any expiry on a never-expiring token", { expiresAt: in90Days }, { ...token, expiresAt: null }],
  ])("%s only narrows", (_label, change, current = token) => {
    expect(grantsAccess(current, change)).toBe(false);
  });

  it("an unknown token counts as widening", () => {
    expect(grantsAccess(undefined, { scopeNames: ["a:read"] })).toBe(true);
  });
});

/* Odd shapes: overlapping lists, duplicates, empty lists, "never", dates that do not parse. */
const SCOPES = [DEMO_READ, REAL_READ, REAL_WRITE, "x:odd"];
const IPS = ["203.0.113.1", "203.0.113.2", "198.51.100.9"];
const DATES = ["2030-01-01T00:00:00.000Z", "2030-06-01T00:00:00.000Z", "2031-01-01T00:00:00Z", "not a date"];
const list = (of: string[]) => fc.array(fc.constantFrom(...of), { maxLength: 5 });
const bounds: fc.Arbitrary<TokenBounds> = fc.record({
  scopeNames: list(SCOPES),
  ipsWhitelist: list(IPS),
  expiresAt: fc.option(fc.constantFrom(...DATES), { nil: null }),
});
const change: fc.Arbitrary<BoundsChange> = fc.record(
  { scopeNames: list(SCOPES), ipsWhitelist: list(IPS), expiresAt: fc.constantFrom(...DATES) },
  { requiredKeys: [] },
);
/** A token and a change that keeps it within what it has. */
const narrowing = bounds.chain((before) =>
  fc
    .record(
      {
        scopeNames: fc.subarray(before.scopeNames),
        ipsWhitelist: before.ipsWhitelist.length ? fc.subarray(before.ipsWhitelist, { minLength: 1 }) : list(IPS),
        expiresAt: fc.constantFrom(
          ...DATES.filter((d) => before.expiresAt === null || d === before.expiresAt || Date.parse(d) <= Date.parse(before.expiresAt)),
        ),
      },
      { requiredKeys: [] },
    )
    .map((narrowed) => [before, narrowed] as const),
);
/** Seeded, so a run is repeatable. */
const RUNS = { seed: 20_260_101, numRuns: 500 };

describe("the one comparison of scopes, IPs and expiry", () => {
  it("sees no gain in a token compared with itself, and no change is a grant", () => {
    fc.assert(
      fc.property(bounds, (b) => {
        expect(Object.values(accessGained(b, b)).some(Boolean)).toBe(false);
        expect(grantsAccess(b, {})).toBe(false);
      }),
      RUNS,
    );
  });

  it("never calls a narrowing a grant: fewer scopes, a kept or new IP limit, an earlier or same expiry", () => {
    fc.assert(
      fc.property(narrowing, ([before, narrowed]) => {
        expect(grantsAccess(before, narrowed)).toBe(false);
      }),
      RUNS,
    );
  });

  it("calls any new scope a grant", () => {
    fc.assert(
      fc.property(bounds, change, fc.constantFrom(...SCOPES), (before, c, scope) => {
        fc.pre(!before.scopeNames.includes(scope));
        expect(grantsAccess(before, { ...c, scopeNames: [...(c.scopeNames ?? before.scopeNames), scope] })).toBe(true);
      }),
      RUNS,
    );
  });

  it("asks for the risk again only for a change that is also a grant", () => {
    fc.assert(
      fc.property(bounds, change, (before, c) => {
        const after = updatedBounds(before, c);
        if (isUnboundedRealWrite(before) && riskAcknowledgementNeeded(before, after)) expect(grantsAccess(before, c)).toBe(true);
      }),
      RUNS,
    );
  });

  it("does not ask for the risk again for a later expiry alone (a grant all the same)", () => {
    const risky = { scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: in30Days };
    const later = updatedBounds(risky, { expiresAt: in90Days });
    expect(riskAcknowledgementNeeded(risky, later)).toBe(false);
    expect(grantsAccess(risky, { expiresAt: in90Days })).toBe(true);
  });
});
