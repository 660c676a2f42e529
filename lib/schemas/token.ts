import { z } from "./zod";
import { updatedBounds } from "@/lib/domain/access-change";
import { RISK_NOT_ACKNOWLEDGED, RISK_NOT_ACKNOWLEDGED_MESSAGE, riskAcknowledgementNeeded, type TokenBounds } from "@/lib/domain/risk-rule";
import { tokenBoundariesSchema } from "./boundaries";
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

/** The fields of a token being minted, shared by the mint wizard, the first token of a new portfolio and the BFF. */
export const tokenFieldsSchema = z.object({
  userTokenName: tokenNameSchema,
  scopeNames: scopeNamesSchema,
  ipsWhitelist: ipsWhitelistSchema.default([]),
  /** null: never expires. */
  expiresAt: expiresAtSchema.nullable().default(null),
  /** Required (true) for a real-money write token with no IP limit or no expiry. */
  acknowledgeRisk: z.boolean().optional(),
  /** Only through the console gateway: eToro's IP whitelist becomes the gateway's egress addresses, and ipsWhitelist (the agent's own) is checked at the gateway. */
  gatewayOnly: z.boolean().optional(),
  /** The risk boundaries the console's gateway holds the token to (absent: none). Money in whole cents. */
  boundaries: tokenBoundariesSchema.optional(),
});

/**
 * The risk rule as a schema check, for a new token (`before` null) or a change
 * to one. The issue carries the error code the BFF answers with
 * (RiskNotAcknowledged), the same for mint, create and update.
 */
export function riskIssue(before: TokenBounds | null, after: TokenBounds, acknowledgeRisk: boolean | undefined, ctx: z.RefinementCtx) {
  if (riskAcknowledgementNeeded(before, after) && acknowledgeRisk !== true) {
    ctx.addIssue({ code: "custom", path: ["acknowledgeRisk"], message: RISK_NOT_ACKNOWLEDGED_MESSAGE, params: { errorCode: RISK_NOT_ACKNOWLEDGED } });
  }
}

export function refineRiskAcknowledged(value: TokenBounds & { acknowledgeRisk?: boolean }, ctx: z.RefinementCtx) {
  riskIssue(null, value, value.acknowledgeRisk, ctx);
}

export const mintTokenSchema = tokenFieldsSchema
  .extend({
    /** Set by Roll: the token this one replaces, recorded in the ledger (never sent to eToro). */
    replacesTokenId: idSchema.optional(),
  })
  .superRefine(refineRiskAcknowledged);
export type MintTokenInput = z.input<typeof mintTokenSchema>;
export type MintTokenRequest = z.output<typeof mintTokenSchema>;

/**
 * PATCH: only the fields that change; at least one. The contract cannot make a
 * token never-expiring. `acknowledgeRisk` is checked against the token's
 * current state by the route (see updatedBounds and riskIssue).
 */
export const updateTokenSchema = z
  .object({
    scopeNames: scopeNamesSchema.optional(),
    ipsWhitelist: ipsWhitelistSchema.optional(),
    expiresAt: expiresAtSchema.optional(),
    acknowledgeRisk: z.boolean().optional(),
    /** Turn "Only through the console gateway" on or off (lib/domain/gateway-only-edit.ts). */
    gatewayOnly: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.scopeNames !== undefined || v.ipsWhitelist !== undefined || v.expiresAt !== undefined || v.gatewayOnly !== undefined, {
    message: "Nothing to save: change a scope, an IP, the expiry or the gateway choice first.",
  });
export type UpdateTokenRequest = z.output<typeof updateTokenSchema>;

/** The update schema with the risk rule judged against the token as it is now: the form's and the route's check. */
export function updateTokenSchemaFor(current: TokenBounds) {
  return updateTokenSchema.superRefine((change, ctx) => riskIssue(current, updatedBounds(current, change), change.acknowledgeRisk, ctx));
}

/** PUT …/tokens/:tokenId/boundaries: the token's whole new boundaries (they replace the old ones; `{}` clears them). */
export const changeBoundariesSchema = z.object({ boundaries: tokenBoundariesSchema }).strict();
export type ChangeBoundariesInput = z.input<typeof changeBoundariesSchema>;
export type ChangeBoundariesRequest = z.output<typeof changeBoundariesSchema>;
