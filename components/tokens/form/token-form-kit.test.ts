import { zodResolver } from "@hookform/resolvers/zod";
import { describe, expect, it } from "vitest";
import { REAL_WRITE } from "@/lib/domain/scopes";
import { mintTokenSchema, updateTokenSchemaFor } from "@/lib/schemas/token";
import { tokenFormDefaults, tokenFormResolver, type TokenFormValues } from "./token-form";

const options = { shouldUseNativeValidation: false, fields: {} } as never;
const values = (over: Partial<TokenFormValues>): TokenFormValues => ({ ...tokenFormDefaults, userTokenName: "agent", scopeNames: ["etoro-public:trade.demo:read"], ...over });

describe("tokenFormResolver", () => {
  it("fixes the expiry from the preset at submit and drops the form-only fields", async () => {
    const resolve = tokenFormResolver(zodResolver(mintTokenSchema));
    const result = await resolve(values({ expiryPreset: "7d" }), undefined, options);
    expect(result.errors).toEqual({});
    const out = result.values as Record<string, unknown>;
    expect(Date.parse(out.expiresAt as string) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(out).not.toHaveProperty("expiryPreset");
    expect(out).not.toHaveProperty("ipDraft");
  });

  it("refuses a name the portfolio already uses, as typed (trimmed)", async () => {
    const resolve = tokenFormResolver(zodResolver(mintTokenSchema), { takenNames: ["live-trader"] });
    const result = await resolve(values({ userTokenName: " live-trader " }), undefined, options);
    expect(result.errors.userTokenName?.message).toContain("already exists");
  });

  it("Edit: keeping the expiry sends none, and adding one to a risky token needs no acknowledgement", async () => {
    const risky = { scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: null };
    const changes = (f: { expiresAt: string | null | undefined }) => (f.expiresAt ? { expiresAt: f.expiresAt } : {});
    const resolve = tokenFormResolver(zodResolver(updateTokenSchemaFor(risky)), { toPayload: changes });
    const kept = await resolve(values({ ...risky, expiryPreset: "keep" }), undefined, options);
    // Nothing changed: the update schema says so (the dialog disables Save before that).
    expect(Object.keys(kept.errors).length).toBeGreaterThan(0);
    const safer = await resolve(values({ ...risky, expiryPreset: "30d" }), undefined, options);
    expect(safer.errors).toEqual({});
    expect(safer.values).toHaveProperty("expiresAt");
  });

  it("Edit: granting real-money trading to an unlimited token asks for the acknowledgement", async () => {
    const before = { scopeNames: ["etoro-public:trade.real:read"], ipsWhitelist: [], expiresAt: null };
    const resolve = tokenFormResolver(zodResolver(updateTokenSchemaFor(before)), { toPayload: (f) => ({ scopeNames: f.scopeNames }) });
    const result = await resolve(values({ scopeNames: [REAL_WRITE], expiryPreset: "keep" }), undefined, options);
    expect(result.errors.acknowledgeRisk?.message).toContain("real-money trading token");
  });
});
