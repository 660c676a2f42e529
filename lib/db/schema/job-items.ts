/**
 * One upstream call of a bulk job each (a token to revoke/freeze/unfreeze, or a
 * portfolio to delete), with the outcome. `before` keeps a frozen token's scopes so
 * Unfreeze can restore them exactly.
 */
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { JobItemState } from "../../jobs/types";
import { jobs } from "./jobs";
import type { LedgerSnapshot } from "./ledger-events";

export const jobItems = pgTable(
  "job_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    portfolioId: text("portfolio_id").notNull(),
    portfolioName: text("portfolio_name"),
    tokenId: text("token_id"),
    tokenName: text("token_name"),
    /** The token's scopes / IPs / expiry when the job was planned. */
    before: jsonb("before").$type<LedgerSnapshot>(),
    /** Freeze / unfreeze: the scopes to set. */
    scopeNames: jsonb("scope_names").$type<string[]>(),
    state: text("state").$type<JobItemState>().notNull().default("pending"),
    reason: text("reason"),
    requestId: text("request_id"),
    attempts: integer("attempts").notNull().default(0),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("job_items_job_position_idx").on(t.jobId, t.position), index("job_items_token_idx").on(t.tokenId)],
);

export type JobItemRow = typeof jobItems.$inferSelect;
