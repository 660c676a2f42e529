import { z } from "./zod";

/**
 * The risk boundaries a person sets on a token, held at the console's gateway
 * (an agent cannot change them: they live in the console's database, not in
 * anything the agent sends). One schema for the mint wizard's step, the edit
 * dialog, the BFF and the gateway's cache.
 *
 * Money is whole US cents, so a limit and a budget compare exactly. An order's
 * value is its Amount in USD, or units × the instrument's current rate; its
 * leverage is bounded on its own (maxLeverage), not folded into the value.
 */
export const MAX_USD_CENTS = 100_000_000_00; // $100,000,000: above any real balance, below float trouble.
export const MAX_INSTRUMENTS = 200;

const cents = z.number().int("Use whole cents.").positive("Enter an amount above zero.").max(MAX_USD_CENTS, "That is more than any account holds.");
const instrumentIds = z
  .array(z.number().int().positive())
  .max(MAX_INSTRUMENTS, `Use at most ${MAX_INSTRUMENTS} instruments.`)
  .transform((ids) => [...new Set(ids)]);
const timeOfDayUtc = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour UTC time such as 09:30.");

export const tradingHoursSchema = z
  .object({ fromUtc: timeOfDayUtc, toUtc: timeOfDayUtc })
  // from > to is a window across midnight (22:00–06:00); only an empty window is refused.
  .refine((h) => h.fromUtc !== h.toUtc, { message: "The window must not start and end at the same time.", path: ["toUtc"] });

export const approvalRulesSchema = z.object({
  /** Orders worth more than this wait for a person (null: no threshold). */
  aboveUsdCents: cents.nullable().default(null),
  /** Every real-money order waits for a person. */
  everyRealOrder: z.boolean().default(false),
  /** An instrument outside instrumentsAllowed waits for a person instead of being refused. */
  outsideInstrumentList: z.boolean().default(false),
});

export const tokenBoundariesSchema = z.object({
  /** Most value of one order (null: no limit). */
  maxOrderUsdCents: cents.nullable().default(null),
  /** Most leverage of one order (null: no limit). */
  maxLeverage: z.number().int().min(1).max(1000).nullable().default(null),
  /** Most value opened per UTC day / per UTC week (Monday 00:00 UTC reset); null: no budget. */
  dailyBudgetUsdCents: cents.nullable().default(null),
  weeklyBudgetUsdCents: cents.nullable().default(null),
  /** Only these instruments (empty: any). */
  instrumentsAllowed: instrumentIds.default([]),
  /** Never these instruments. */
  instrumentsRefused: instrumentIds.default([]),
  /** Orders only inside this UTC window (null: any time). */
  tradingHours: tradingHoursSchema.nullable().default(null),
  /** Most gateway requests per minute for this token (null: only eToro's own limits). */
  requestsPerMinute: z.number().int().min(1).max(6000).nullable().default(null),
  /** Refuse every write at the gateway, whatever eToro's scopes allow. */
  readOnly: z.boolean().default(false),
  approval: approvalRulesSchema.default({ aboveUsdCents: null, everyRealOrder: false, outsideInstrumentList: false }),
});

export type TokenBoundaries = z.infer<typeof tokenBoundariesSchema>;
export type ApprovalRules = z.infer<typeof approvalRulesSchema>;

/** No boundaries: what every token had before boundaries existed. */
export const NO_BOUNDARIES: TokenBoundaries = tokenBoundariesSchema.parse({});
