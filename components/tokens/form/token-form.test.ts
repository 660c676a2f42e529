import { zodResolver } from "@hookform/resolvers/zod";
import { describe, expect, it } from "vitest";
import { DEMO_READ, REAL_WRITE } from "@/lib/domain/scopes";
import { mintTokenSchema } from "@/lib/schemas/token";
import { tokenFormDefaults, tokenFormResolver, type TokenFormValues } from "./token-form";

const resolver = tokenFormResolver(zodResolver(mintTokenSchema));
const resolve = (values: Partial<TokenFormValues>) =>
  resolver({ ...tokenFormDefaults, ...values } as TokenFormValues, undefined, { fields: {}, shouldUseNativeValidation: false });

describe("the token form's resolver", () => {
  it("turns the preset into expiresAt at validation time and drops the form-only fields", async () => {
    const before = Date.now();
    const result = await resolve({ userTokenName: "bot", scopeNames: [DEMO_READ], expiryPreset: "24h" });
    expect(result.errors).toEqual({});
    const values = result.values as Record<string, unknown>;
    expect(Object.keys(values).sort()).toEqual(["acknowledgeRisk", "expiresAt", "gatewayOnly", "ipsWhitelist", "scopeNames", "userTokenName"]);
    const at = Date.parse(values.expiresAt as string);
    expect(at - before).toBeGreaterThanOrEqual(24 * 3600_000 - 1);
    expect(at - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  });

  it("sends null for Never", async () => {
    const result = await resolve({ userTokenName: "bot", scopeNames: [DEMO_READ], expiryPreset: "never" });
    expect((result.values as Record<string, unknown>).expiresAt).toBeNull();
  });

  it("asks for a date when Custom is left empty, and for Add when an IP is typed but not added", async () => {
    const result = await resolve({ userTokenName: "bot", scopeNames: [DEMO_READ], expiryPreset: "custom", customExpiry: "", ipDraft: " 1.2.3.4 " });
    expect(result.values).toEqual({});
    expect(result.errors.expiresAt?.message).toMatch(/Pick a date and time/);
    expect(result.errors.ipDraft?.message).toBe("Press Add to put 1.2.3.4 on the list, or clear the field.");
  });

  it("keeps the schema's own errors, e.g. the risk acknowledgement", async () => {
    const result = await resolve({ userTokenName: "", scopeNames: [REAL_WRITE], expiryPreset: "never", acknowledgeRisk: false });
    expect(Object.keys(result.errors).sort()).toEqual(["acknowledgeRisk", "userTokenName"]);
  });
});
