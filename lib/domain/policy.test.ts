import { describe, expect, it } from "vitest";
import { latestAllowedExpiry, NO_POLICY, policyViolations, type AdminPolicy } from "./policy";
import { DEMO_READ, REAL_WRITE } from "./scopes";

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 5, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const strict: AdminPolicy = { maxTokenLifetimeDays: 30, requireIpWhitelistForRealWrite: true };
const rules = (...args: Parameters<typeof policyViolations>) => policyViolations(...args).map((v) => `${v.rule}:${v.field}`);

describe("policyViolations", () => {
  it("no policy: nothing is ever a violation", () => {
    expect(policyViolations({ scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: null }, NO_POLICY, now)).toEqual([]);
  });

  it("a maximum lifetime refuses Never and anything longer, from when the token is issued", () => {
    expect(rules({ scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: null }, strict, now)).toEqual(["max-lifetime:expiresAt"]);
    expect(rules({ scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: iso(now + 31 * DAY) }, strict, now)).toEqual(["max-lifetime:expiresAt"]);
    expect(rules({ scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: iso(now + 30 * DAY) }, strict, now)).toEqual([]);
    // An existing token is measured from its creation.
    expect(rules({ scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: iso(now + 10 * DAY) }, strict, now - 25 * DAY)).toEqual(["max-lifetime:expiresAt"]);
  });

  it("real-money write needs an IP whitelist when required; read and demo do not", () => {
    expect(rules({ scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: iso(now + DAY) }, strict, now)).toEqual(["ip-whitelist-for-real-write:ipsWhitelist"]);
    expect(rules({ scopeNames: [REAL_WRITE], ipsWhitelist: ["10.0.0.1"], expiresAt: iso(now + DAY) }, strict, now)).toEqual([]);
    expect(rules({ scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: iso(now + DAY) }, strict, now)).toEqual([]);
  });

  it("latestAllowedExpiry", () => {
    expect(latestAllowedExpiry(strict, now)).toBe(iso(now + 30 * DAY));
    expect(latestAllowedExpiry(NO_POLICY, now)).toBeNull();
  });
});
