import { describe, expect, it } from "vitest";
import { riskAcknowledgementNeeded } from "./risk-rule";
import { DEMO_READ, REAL_READ, REAL_WRITE } from "./scopes";

const soon = "2030-01-01T00:00:00.000Z";
const token = (scopeNames: string[], ipsWhitelist: string[], expiresAt: string | null) => ({ scopeNames, ipsWhitelist, expiresAt });

describe("riskAcknowledgementNeeded", () => {
  it("asks for a new unbounded real-money trading token, not for a bounded or demo one", () => {
    expect(riskAcknowledgementNeeded(null, token([REAL_WRITE], [], soon))).toBe(true);
    expect(riskAcknowledgementNeeded(null, token([REAL_WRITE], ["203.0.113.7"], null))).toBe(true);
    expect(riskAcknowledgementNeeded(null, token([REAL_WRITE], ["203.0.113.7"], soon))).toBe(false);
    expect(riskAcknowledgementNeeded(null, token([DEMO_READ, REAL_READ], [], null))).toBe(false);
  });

  it("never asks when a risky token is made safer", () => {
    const risky = token([REAL_WRITE], [], null);
    expect(riskAcknowledgementNeeded(risky, token([REAL_WRITE], [], soon))).toBe(false);
    expect(riskAcknowledgementNeeded(risky, token([REAL_WRITE], ["203.0.113.7"], null))).toBe(false);
    expect(riskAcknowledgementNeeded(risky, token([REAL_WRITE, REAL_READ].slice(0, 1), [], null))).toBe(false);
  });

  it("asks when a change grants or widens into an unbounded real-money trading token", () => {
    expect(riskAcknowledgementNeeded(token([REAL_READ], [], soon), token([REAL_WRITE], [], soon))).toBe(true);
    expect(riskAcknowledgementNeeded(token([REAL_WRITE], ["203.0.113.7"], soon), token([REAL_WRITE], [], soon))).toBe(true);
    // Already risky, and a scope more: still a widening.
    expect(riskAcknowledgementNeeded(token([REAL_WRITE], [], soon), token([REAL_WRITE, REAL_READ], [], soon))).toBe(true);
    expect(riskAcknowledgementNeeded(token([REAL_WRITE], ["203.0.113.7"], null), token([REAL_WRITE], ["198.51.100.1"], null))).toBe(true);
  });
});
