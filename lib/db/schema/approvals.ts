import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Orders the gateway held for a person's decision. An approval is bound to one
 * exact order (`order_fingerprint`: the operation, its path parameters and its
 * body, canonically hashed), used at most once, and expires. Never a secret.
 *
 * status: pending → approved | denied | expired; approved → used.
 */
export const approvals = pgTable(
  "approvals",
  {
    id: uuid("id").primaryKey(),
    account: text("account").notNull(),
    userTokenId: uuid("user_token_id").notNull(),
    agentPortfolioId: uuid("agent_portfolio_id").notNull(),
    userTokenName: text("user_token_name").notNull(),
    operationId: text("operation_id").notNull(),
    orderFingerprint: text("order_fingerprint").notNull(),
    /** The order in plain fields for the person: instrument, side, amount or units, leverage, environment, value in cents. */
    order: jsonb("order").notNull(),
    /** Why it waits, in words (which rule). */
    reason: text("reason").notNull(),
    status: text("status").notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    /** Who decided: the account's actor fingerprint and a label, never a key. */
    decidedBy: text("decided_by"),
    denialReason: text("denial_reason"),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    /** The agent's x-request-id of the held request. */
    requestId: text("request_id").notNull(),
  },
  (t) => [index("approvals_account_status_idx").on(t.account, t.status, t.requestedAt), index("approvals_token_idx").on(t.userTokenId)],
);

export type ApprovalRow = typeof approvals.$inferSelect;
