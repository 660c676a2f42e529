import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { MintTokenInput } from "@/lib/schemas/token";
import { customToIso, DEFAULT_EXPIRY_PRESET, expiresAtFor, type ExpiryPreset } from "./expiry-presets";

/** Form-only state: never sent. The resolver turns it into `expiresAt` and drops it. */
export type TokenFormExtras = {
  expiryPreset: ExpiryPreset;
  /** The `datetime-local` value behind the Custom preset (local time). */
  customExpiry: string;
  /** What is typed in the IP field but not added yet. */
  ipDraft: string;
};

/** The values of any form that mints a token: the schema's input fields plus the form-only extras. */
export type TokenFormValues = MintTokenInput & TokenFormExtras;

export const tokenFormDefaults = {
  userTokenName: "",
  scopeNames: [] as string[],
  ipsWhitelist: [] as string[],
  expiresAt: null,
  acknowledgeRisk: false,
  expiryPreset: DEFAULT_EXPIRY_PRESET,
  customExpiry: "",
  ipDraft: "",
} satisfies TokenFormValues;

/** The server's field names, in the order the token fields appear on screen. */
export const TOKEN_FIELD_ORDER = ["userTokenName", "scopeNames", "ipsWhitelist", "ipDraft", "expiresAt", "acknowledgeRisk"] as const;

type AnyResolver<TOut> = (
  values: FieldValues,
  context: unknown,
  options: Parameters<Resolver<FieldValues>>[2],
) => ReturnType<Resolver<FieldValues, unknown, TOut>>;

/**
 * Wraps a zodResolver for a token schema: computes `expiresAt` from the preset
 * at validation time (so the instant is fixed when the form is submitted),
 * strips the form-only fields, and adds the checks only the form can make
 * (a Custom expiry left empty, an IP typed but never added).
 */
export function tokenFormResolver<TValues extends TokenFormValues, TOut extends FieldValues, TIn extends FieldValues = FieldValues>(
  inner: Resolver<TIn, never, TOut>,
): Resolver<TValues, unknown, TOut> {
  const run = inner as unknown as AnyResolver<TOut>;
  return async (values, context, options) => {
    const { expiryPreset, customExpiry, ipDraft, ...fields } = values;
    const payload = { ...fields, expiresAt: expiresAtFor(expiryPreset, customExpiry, Date.now()) };
    const result = await run(payload, context, options as unknown as Parameters<AnyResolver<TOut>>[2]);

    const extra: Record<string, { type: string; message: string }> = {};
    if (expiryPreset === "custom" && !customToIso(customExpiry)) {
      extra.expiresAt = { type: "custom", message: "Pick a date and time for the custom expiry." };
    }
    const draft = ipDraft.trim();
    if (draft) {
      extra.ipDraft = { type: "custom", message: `Press Add to put ${draft.slice(0, 45)} on the list, or clear the field.` };
    }
    if (Object.keys(extra).length === 0) return result as Awaited<ReturnType<Resolver<TValues, unknown, TOut>>>;
    return { values: {}, errors: { ...result.errors, ...extra } as FieldErrors<TValues> };
  };
}
