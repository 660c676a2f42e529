import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The account's outbox of things a person may want to hear about (an approval
 * requested, a budget nearly used, an order refused, a token frozen…), written
 * in the same transaction as what caused them; webhook deliveries are made
 * from here. Never a secret.
 */
export const accountEvents = pgTable(
  "account_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    account: text("account").notNull(),
    /** One of ACCOUNT_EVENT_TYPES (lib/account-events/types.ts). */
    type: text("type").notNull(),
    data: jsonb("data").notNull(),
    /** When the webhook fan-out picked it up (null: not yet). */
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("account_events_pending_idx").on(t.dispatchedAt, t.id), index("account_events_account_idx").on(t.account, t.at)],
);

export type AccountEventRow = typeof accountEvents.$inferSelect;
