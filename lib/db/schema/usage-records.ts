import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One row per gateway request of a known token: what eToro's API cannot say about
 * how a token is used. Written in batches off the request path; kept
 * USAGE_RETENTION_DAYS. Never a secret, a key or a header. Appended and pruned,
 * never updated: triggers keep usage_hourly's and usage_totals' counts of them exact.
 */
export const usageRecords = pgTable(
  "usage_records",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    account: text("account").notNull(),
    userTokenId: uuid("user_token_id").notNull(),
    agentPortfolioId: uuid("agent_portfolio_id").notNull(),
    /** The spec's operationId, e.g. openMarketPositionByAmountDemo. */
    operationId: text("operation_id").notNull(),
    /** demo, real, or none (market data, /me). */
    environment: text("environment").notNull(),
    write: boolean("write").notNull(),
    status: integer("status").notNull(),
    latencyMs: real("latency_ms").notNull(),
    requestId: text("request_id").notNull(),
    clientAddress: text("client_address").notNull(),
    /** rest, or mcp for a tool call. */
    via: text("via").notNull().default("rest"),
    /** Why the gateway refused it; null when it went upstream. */
    refusal: text("refusal"),
    instrument: text("instrument"),
    side: text("side"),
    amount: doublePrecision("amount"),
    units: doublePrecision("units"),
    leverage: doublePrecision("leverage"),
    orderId: text("order_id"),
    positionId: text("position_id"),
  },
  (t) => [
    index("usage_records_account_token_at_idx").on(t.account, t.userTokenId, t.at),
    index("usage_records_token_orders_idx").on(t.account, t.userTokenId, t.at).where(sql`${t.write} and ${t.refusal} is null`),
    index("usage_records_token_refusals_idx").on(t.account, t.userTokenId, t.at).where(sql`${t.refusal} is not null`),
    index("usage_records_account_at_idx").on(t.account, t.at),
    index("usage_records_at_idx").on(t.at),
  ],
);

export type UsageRecordRow = typeof usageRecords.$inferSelect;
