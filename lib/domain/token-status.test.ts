import { describe, expect, it } from "vitest";
import { DEMO_READ, REAL_READ, REAL_WRITE } from "./scopes";
import { needsRiskAcknowledgement, tokenRisk, tokenStatus } from "./token-status";

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
    expect(needsRiskAcknowledgement({ scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: inDays(1) })).toBe(true);
    expect(needsRiskAcknowledgement({ scopeNames: [REAL_READ], ipsWhitelist: [], expiresAt: null })).toBe(false);
  });
});
