import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * usage_records rolled up per token, UTC day, operation, address and channel, so a token's
 * totals, operations, addresses and daily chart never scan all its records. Written
 * only by triggers on usage_records (migration 0013), never by the application:
 * whoever inserts, prunes or truncates records, this stays exact.
 */
export const usageDaily = pgTable(
  "usage_daily",
  {
    account: text("account").notNull(),
    userTokenId: uuid("user_token_id").notNull(),
    /** The UTC day's start. */
    day: timestamp("day", { withTimezone: true, mode: "date" }).notNull(),
    operationId: text("operation_id").notNull(),
    clientAddress: text("client_address").notNull(),
    /** rest | mcp: how the calls came in. */
    via: text("via").notNull().default("rest"),
    ok: integer("ok").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    refused: integer("refused").notNull().default(0),
    /** The group's latest record. */
    lastAt: timestamp("last_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ name: "usage_daily_pk", columns: [t.account, t.userTokenId, t.day, t.operationId, t.clientAddress, t.via] })],
);

export type UsageDailyRow = typeof usageDaily.$inferSelect;
