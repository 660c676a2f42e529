import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { MintTokenInput } from "@/lib/schemas/token";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { boundariesDraftSchema, EMPTY_BOUNDARIES_DRAFT, type BoundariesDraft } from "@/lib/schemas/boundaries-form";
import { customToIso, DEFAULT_EXPIRY_PRESET, expiresAtFor, type ExpiryChoice } from "./expiry-presets";

/** Form-only state: never sent. The resolver turns it into `expiresAt` and drops it. */
export type TokenFormExtras = {
  expiryPreset: ExpiryChoice;
  /** The `datetime-local` value behind the Custom preset (local time). */
  customExpiry: string;
  /** What is typed in the IP field but not added yet. */
  ipDraft: string;
  /** The boundaries as typed (dollars, text); the resolver turns them into `boundaries` (cents). */
  boundaryDraft: BoundariesDraft;
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
  boundaryDraft: EMPTY_BOUNDARIES_DRAFT,
} satisfies TokenFormValues;

/** The server's field names, in the order the token fields appear on screen. */
export const TOKEN_FIELD_ORDER = ["userTokenName", "scopeNames", "boundaryDraft", "ipsWhitelist", "ipDraft", "expiresAt", "acknowledgeRisk"] as const;

/** The words for a name the portfolio already uses, as typed and as the server says it. */
export const DUPLICATE_NAME_MESSAGE = "A token with this name already exists in this portfolio. Pick another name.";

/** Whether `name` (as typed) is one of the portfolio's token names, compared as eToro compares them (trimmed, exact). */
export function isTakenName(name: string, takenNames: readonly string[]): boolean {
  const trimmed = name.trim();
  return trimmed !== "" && takenNames.includes(trimmed);
}

/** The token fields as a request would carry them, `expiresAt` fixed now (undefined: keep the current one). */
export type TokenFormFields = Omit<TokenFormValues, keyof TokenFormExtras | "expiresAt" | "boundaries"> & {
  expiresAt: string | null | undefined;
  /** Present when the form sets boundaries (`withBoundaries`) and they are valid. */
  boundaries?: TokenBoundaries;
};

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
  /** The form has the Boundaries fields: check them and send them as `boundaries`. */
  withBoundaries?: boolean;
};

type FieldIssue = { type: string; message: string };

/**
 * The boundaries as typed → TokenBoundaries (cents), or each message on the field it
 * is about (`boundaryDraft.<field>`), as react-hook-form nests them.
 */
export function checkBoundaryDraft(draft: BoundariesDraft): { boundaries: TokenBoundaries } | { errors: Record<string, FieldIssue> } {
  const parsed = boundariesDraftSchema.safeParse(draft);
  if (parsed.success) return { boundaries: parsed.data };
  const errors: Record<string, FieldIssue> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "root";
    errors[key] ??= { type: "custom", message: issue.message };
  }
  return { errors };
}

/**
 * Wraps a zodResolver for a token schema: computes `expiresAt` from the preset
 * at validation time (so the instant is fixed when the form is submitted),
 * strips the form-only fields, and adds the checks only the form can make
 * (a Custom expiry left empty, an IP typed but never added, a name taken).
 */
export function tokenFormResolver<TValues extends TokenFormValues, TOut extends FieldValues, TIn extends FieldValues = FieldValues>(
  inner: Resolver<TIn, never, TOut>,
  { takenNames = [], toPayload = (fields) => fields, withBoundaries = false }: TokenFormResolverOptions = {},
): Resolver<TValues, unknown, TOut> {
  const run = inner as unknown as AnyResolver<TOut>;
  return async (values, context, options) => {
    const { expiryPreset, customExpiry, ipDraft, boundaryDraft, ...rest } = values;
    // Boundaries come only from the draft, never from a stray form value.
    const { boundaries: _ignored, ...fields } = rest as typeof rest & { boundaries?: unknown };
    void _ignored;
    const expiresAt = expiryPreset === "keep" ? undefined : expiresAtFor(expiryPreset, customExpiry, Date.now());
    const checked = withBoundaries ? checkBoundaryDraft(boundaryDraft ?? EMPTY_BOUNDARIES_DRAFT) : null;
    const boundaries = checked && "boundaries" in checked ? { boundaries: checked.boundaries } : {};
    const payload = toPayload({ ...fields, expiresAt, ...boundaries });
    const result = await run(payload, context, options as unknown as Parameters<AnyResolver<TOut>>[2]);

    const extra: Record<string, FieldIssue | Record<string, FieldIssue>> = {};
    if (checked && "errors" in checked) extra.boundaryDraft = checked.errors;
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
