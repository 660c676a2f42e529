import { z } from "zod";
import { needsRiskAcknowledgement } from "@/lib/domain/token-status";
import { idSchema } from "./id";
import { ipsWhitelistSchema } from "./ip";

export const MAX_EXPIRY_YEARS = 10;

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "Give the token a name.")
  .max(64, "Use at most 64 characters.")
  // ASCII only, so control characters and hidden direction marks cannot get in either.
  .regex(/^[\w .:@-]+$/, "Use letters, digits, spaces and - _ . : @ only.");

export const scopeNamesSchema = z
  .array(z.string().trim().min(1).max(128).regex(/^[\w.:-]+$/, "Not a scope name."))
  .min(1, "Pick at least one scope.")
  .max(16)
  .transform((names) => [...new Set(names)]);

/** An expiry instant: ISO 8601 with a zone, in the future, within MAX_EXPIRY_YEARS. */
export const expiresAtSchema = z.iso
  .datetime({ offset: true, message: "Enter a date and time such as 2027-01-31T12:00:00Z." })
  .refine((s) => Date.parse(s) > Date.now(), "The expiry must be in the future.")
  .refine(
    (s) => Date.parse(s) < Date.now() + MAX_EXPIRY_YEARS * 365.25 * 24 * 3600 * 1000,
    `Pick a date within ${MAX_EXPIRY_YEARS} years, or choose Never.`,
  )
  .transform((s) => new Date(s).toISOString());

const RISK_MESSAGE =
  "A real-money trading token without an IP limit or without an expiry can be misused from anywhere, for ever. Confirm that you accept this.";

/** The fields of a token being minted, shared by the mint wizard, the first token of a new portfolio and the BFF. */
export const tokenFieldsSchema = z.object({
  userTokenName: tokenNameSchema,
  scopeNames: scopeNamesSchema,
  ipsWhitelist: ipsWhitelistSchema.default([]),
  /** null: never expires. */
  expiresAt: expiresAtSchema.nullable().default(null),
  /** Required (true) for a real-money write token with no IP limit or no expiry. */
  acknowledgeRisk: z.boolean().optional(),
});

export function refineRiskAcknowledged(
  value: { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null; acknowledgeRisk?: boolean },
  ctx: z.RefinementCtx,
) {
  if (needsRiskAcknowledgement(value) && value.acknowledgeRisk !== true) {
    ctx.addIssue({ code: "custom", path: ["acknowledgeRisk"], message: RISK_MESSAGE });
  }
}

export const mintTokenSchema = tokenFieldsSchema
  .extend({
    /** A roll: the token this one replaces, so the ledger links the two. */
    replacesTokenId: idSchema.optional(),
  })
  .superRefine(refineRiskAcknowledged);
export type MintTokenInput = z.input<typeof mintTokenSchema>;
export type MintTokenRequest = z.output<typeof mintTokenSchema>;

/**
 * PATCH: only the fields that change; at least one. The contract cannot make a
 * token never-expiring. `acknowledgeRisk` is checked against the token's
 * resulting state by the route (see needsAcknowledgementAfterUpdate).
 */
export const updateTokenSchema = z
  .object({
    scopeNames: scopeNamesSchema.optional(),
    ipsWhitelist: ipsWhitelistSchema.optional(),
    expiresAt: expiresAtSchema.optional(),
    acknowledgeRisk: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.scopeNames !== undefined || v.ipsWhitelist !== undefined || v.expiresAt !== undefined, {
    message: "Nothing to save: change a scope, an IP or the expiry first.",
  });
export type UpdateTokenRequest = z.output<typeof updateTokenSchema>;

/**
 * Whether an update needs the person's acknowledgement: it grants scopes or
 * widens IPs, and leaves a real-money trading token unbounded. A change of
 * expiry alone never does (PATCH cannot remove an expiry), so retiring a token
 * early is never blocked.
 */
export function needsAcknowledgementAfterUpdate(
  current: { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null },
  change: UpdateTokenRequest,
): boolean {
  if (change.scopeNames === undefined && change.ipsWhitelist === undefined) return false;
  return needsRiskAcknowledgement({
    scopeNames: change.scopeNames ?? current.scopeNames,
    ipsWhitelist: change.ipsWhitelist ?? current.ipsWhitelist,
    expiresAt: change.expiresAt ?? current.expiresAt,
  });
}
