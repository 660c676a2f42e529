import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * usage_records rolled up per token, operation, address and channel over every record
 * kept, so a token's totals, operations and addresses read a few dozen rows however
 * busy it is. Written only by triggers on usage_records (migration 0014), never by
 * the application: whoever inserts, prunes or truncates records, this stays exact.
 */
export const usageTotals = pgTable(
  "usage_totals",
  {
    account: text("account").notNull(),
    userTokenId: uuid("user_token_id").notNull(),
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
  (t) => [primaryKey({ name: "usage_totals_pk", columns: [t.account, t.userTokenId, t.operationId, t.clientAddress, t.via] })],
);

export type UsageTotalsRow = typeof usageTotals.$inferSelect;
