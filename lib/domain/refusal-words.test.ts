import { describe, expect, it } from "vitest";
import type { BoundaryLimit } from "@/lib/boundaries/judge";
import type { RefusalReason } from "@/lib/gateway/metrics";
import { refusalWords } from "./refusal-words";

// Every code the gateway can write, listed so the compiler names one that is added later.
const GATEWAY: Record<RefusalReason, true> = {
  "not-allowed": true, "bad-request-id": true, "no-user-key": true, "no-api-key": true, "unknown-token": true, throttled: true, policy: true,
  "body-too-large": true, "bad-content-type": true, "bad-body": true, "bad-request": true, "upstream-unavailable": true, "upstream-timeout": true,
  "upstream-redirect": true, "state-unavailable": true, internal: true,
};
const BOUNDARIES: Record<BoundaryLimit, true> = {
  "read-only": true, "trading-hours": true, "instrument-refused": true, "instrument-not-allowed": true, "instrument-unnamed": true, leverage: true,
  "order-value-unknown": true, "rate-unavailable": true, "order-limit": true, "budget-day": true, "budget-week": true, "request-rate": true,
};
const POLICY_AND_APPROVALS = ["revoked", "frozen", "agent-ip", "approval-denied", "approval-expired", "approval-used", "approval-unknown"];

describe("refusal words", () => {
  it("say every code the gateway writes in words", () => {
    for (const code of [...Object.keys(GATEWAY), ...Object.keys(BOUNDARIES), ...POLICY_AND_APPROVALS]) {
      expect(refusalWords(code), code).not.toBe(code);
      expect(refusalWords(code), code).toMatch(/^[a-z]/);
    }
  });

  it("pass an unknown code on as it is", () => {
    expect(refusalWords("a-hook-s-own-code")).toBe("a-hook-s-own-code");
  });
});
