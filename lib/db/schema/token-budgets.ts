import { bigint, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * How much of a token's budget each UTC day / week has used, in cents. A
 * reservation is one conditional UPDATE (used + value <= limit) before an
 * order is forwarded, so concurrent orders on any number of instances never
 * overshoot; eToro's answer settles it (a failed order is refunded).
 */
export const tokenBudgets = pgTable(
  "token_budgets",
  {
    userTokenId: uuid("user_token_id").notNull(),
    /** day | week */
    period: text("period").notNull(),
    /** 00:00 UTC of the day, or of the week's Monday. */
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    usedCents: bigint("used_cents", { mode: "number" }).notNull().default(0),
    /** The highest alert (80 or 100 percent used) already sent for this window: each is sent once. */
    alertedPercent: smallint("alerted_percent").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userTokenId, t.period, t.windowStart] })],
);

export type TokenBudgetRow = typeof tokenBudgets.$inferSelect;
