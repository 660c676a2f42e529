import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signInSchema } from "./session";
import { signInFieldError, type SignInField } from "./sign-in-rules";

/** The message the BFF's schema gives a field (its first issue there), or null. */
function schemaError(field: SignInField, value: string): string | null {
  const result = signInSchema.safeParse(field === "userKey" ? { userKey: value } : { userKey: "ok", apiKey: value });
  return result.success ? null : (result.error.issues.find((i) => i.path[0] === field)?.message ?? null);
}

const samples = ["", " ", "sandbox-alice", "  sandbox-alice  ", "has space", "tab\tkey", "ключ", "k".repeat(4096), "k".repeat(4097), "é"];

describe("the login page's hand check agrees with signInSchema", () => {
  it.each(samples)("user key %j", (value) => {
    expect(signInFieldError("userKey", value)).toBe(schemaError("userKey", value));
  });

  it.each(samples)("API key %j", (value) => {
    expect(signInFieldError("apiKey", value)).toBe(schemaError("apiKey", value));
  });

  it("for any printable or odd string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom("a", "Z", "9", "-", " ", "\t", "é", "~", "\u00a0") }), (value) => {
        expect(signInFieldError("userKey", value)).toBe(schemaError("userKey", value));
      }),
    );
  });

  it("asks for the API key only when the form needs one", () => {
    expect(signInFieldError("apiKey", "")).toBeNull();
    expect(signInFieldError("apiKey", "", { apiKeyRequired: true })).toBe("Enter the API key.");
  });
});
