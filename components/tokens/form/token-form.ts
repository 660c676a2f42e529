import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { MintTokenInput } from "@/lib/schemas/token";
import { customToIso, DEFAULT_EXPIRY_PRESET, expiresAtFor, type ExpiryChoice } from "./expiry-presets";

/** Form-only state: never sent. The resolver turns it into `expiresAt` and drops it. */
export type TokenFormExtras = {
  expiryPreset: ExpiryChoice;
  /** The `datetime-local` value behind the Custom preset (local time). */
  customExpiry: string;
  /** What is typed in the IP field but not added yet. */
  ipDraft: string;
};

/** The values of any form with token fields: the schema's input fields plus the form-only extras. */
export type TokenFormValues = MintTokenInput & TokenFormExtras;

export const tokenFormDefaults = {
  userTokenName: "",
  scopeNames: [] as string[],
  ipsWhitelist: [] as string[],
  expiresAt: null,
  acknowledgeRisk: false,
  // Gateway-only unless the person opts out: then every call is seen, measured and stoppable here.
  gatewayOnly: true,
  expiryPreset: DEFAULT_EXPIRY_PRESET,
  customExpiry: "",
  ipDraft: "",
} satisfies TokenFormValues;

/** The server's field names, in the order the token fields appear on screen. */
export const TOKEN_FIELD_ORDER = ["userTokenName", "scopeNames", "ipsWhitelist", "ipDraft", "expiresAt", "acknowledgeRisk"] as const;

/** The words for a name the portfolio already uses, as typed and as the server says it. */
export const DUPLICATE_NAME_MESSAGE = "A token with this name already exists in this portfolio. Pick another name.";

/** Whether `name` (as typed) is one of the portfolio's token names, compared as eToro compares them (trimmed, exact). */
export function isTakenName(name: string, takenNames: readonly string[]): boolean {
  const trimmed = name.trim();
  return trimmed !== "" && takenNames.includes(trimmed);
}

/** The token fields as a request would carry them, `expiresAt` fixed now (undefined: keep the current one). */
export type TokenFormFields = Omit<TokenFormValues, keyof TokenFormExtras | "expiresAt"> & { expiresAt: string | null | undefined };

type AnyResolver<TOut> = (
  values: FieldValues,
  context: unknown,
  options: Parameters<Resolver<FieldValues>>[2],
) => ReturnType<Resolver<FieldValues, unknown, TOut>>;

export type TokenFormResolverOptions = {
  /** The portfolio's other token names: a duplicate is refused before any request. */
  takenNames?: readonly string[];
  /** What the schema validates, from the fields (Edit sends only what changed). */
  toPayload?: (fields: TokenFormFields) => Record<string, unknown>;
};

/**
 * Wraps a zodResolver for a token schema: computes `expiresAt` from the preset
 * at validation time (so the instant is fixed when the form is submitted),
 * strips the form-only fields, and adds the checks only the form can make
 * (a Custom expiry left empty, an IP typed but never added, a name taken).
 */
export function tokenFormResolver<TValues extends TokenFormValues, TOut extends FieldValues, TIn extends FieldValues = FieldValues>(
  inner: Resolver<TIn, never, TOut>,
  { takenNames = [], toPayload = (fields) => fields }: TokenFormResolverOptions = {},
): Resolver<TValues, unknown, TOut> {
  const run = inner as unknown as AnyResolver<TOut>;
  return async (values, context, options) => {
    const { expiryPreset, customExpiry, ipDraft, ...fields } = values;
    const expiresAt = expiryPreset === "keep" ? undefined : expiresAtFor(expiryPreset, customExpiry, Date.now());
    const payload = toPayload({ ...fields, expiresAt });
    const result = await run(payload, context, options as unknown as Parameters<AnyResolver<TOut>>[2]);

    const extra: Record<string, { type: string; message: string }> = {};
    if (expiryPreset === "custom" && !customToIso(customExpiry)) {
      extra.expiresAt = { type: "custom", message: "Pick a date and time for the custom expiry." };
    }
    const draft = ipDraft.trim();
    if (draft) {
      extra.ipDraft = { type: "custom", message: `Press Add to put ${draft.slice(0, 45)} on the list, or clear the field.` };
    }
    if (isTakenName(values.userTokenName, takenNames)) {
      extra.userTokenName = { type: "custom", message: DUPLICATE_NAME_MESSAGE };
    }
    if (Object.keys(extra).length === 0) return result as Awaited<ReturnType<Resolver<TValues, unknown, TOut>>>;
    return { values: {}, errors: { ...result.errors, ...extra } as FieldErrors<TValues> };
  };
}
