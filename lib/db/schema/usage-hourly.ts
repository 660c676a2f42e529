import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * usage_records rolled up per token and UTC hour, so /tokens' Calls 24h and a token's
 * hourly and daily charts read at most a row per token and hour, not every record.
 * Written only by triggers on usage_records (migration 0014), never by the
 * application: whoever inserts, prunes or truncates records, this stays exact.
 */
export const usageHourly = pgTable(
  "usage_hourly",
  {
    account: text("account").notNull(),
    userTokenId: uuid("user_token_id").notNull(),
    /** The UTC hour's start. */
    hour: timestamp("hour", { withTimezone: true, mode: "date" }).notNull(),
    ok: integer("ok").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    refused: integer("refused").notNull().default(0),
    /** The hour's latest record. */
    lastAt: timestamp("last_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "usage_hourly_pk", columns: [t.account, t.userTokenId, t.hour] }),
    index("usage_hourly_account_hour_idx").on(t.account, t.hour),
  ],
);

export type UsageHourlyRow = typeof usageHourly.$inferSelect;
