/**
 * Durable bulk jobs, in the ledger's database so every instance sees them.
 *
 * `jobs`: one row per bulk action of one account. An instance runs a job while it
 * holds the lease (`lease_owner` until `lease_expires_at`); a lease that lapses (the
 * instance died) lets any other instance claim the job. `sealed_credentials` is the
 * user key sealed with the server's secret (iron-session `sealData`), present only
 * while the job can still run and erased the moment it ends or is cancelled.
 *
 * `job_items`: one upstream call each (a token to revoke/freeze/unfreeze, or a
 * portfolio to delete), with the outcome. `before` keeps a frozen token's scopes so
 * Unfreeze can restore them exactly.
 *
 * `job_budgets`: the account's shared call schedule. `next_at` is the earliest time
 * the next upstream call may start; reserving a call moves it on by one interval in a
 * single UPDATE, so instances sharing a database share one pace.
 */
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { LedgerSnapshot } from "@/lib/ledger/schema";

export const JOB_KINDS = ["revoke", "freeze", "unfreeze", "delete-portfolio"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** queued → running → finished; or cancelled from queued/running. Retry puts a finished job back to queued. */
export const JOB_STATES = ["queued", "running", "finished", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const ITEM_STATES = ["pending", "done", "failed", "skipped"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey(),
    account: text("account").notNull(),
    kind: text("kind").$type<JobKind>().notNull(),
    state: text("state").$type<JobState>().notNull(),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    /** Milliseconds between two calls of this account when the job was planned. */
    intervalMs: integer("interval_ms").notNull(),
    sealedCredentials: text("sealed_credentials"),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    clientIp: text("client_ip"),
    /** The sign-in that started it (console_sessions.id): ending that session ends the job. */
    sessionId: uuid("session_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("jobs_account_created_idx").on(t.account, t.createdAt),
    index("jobs_account_session_idx").on(t.account, t.sessionId),
    index("jobs_claimable_idx").on(t.state, t.leaseExpiresAt).where(sql`${t.state} in ('queued', 'running')`),
    // An ended job holds no key: the database refuses the combination.
    check("jobs_no_key_after_end", sql`${t.sealedCredentials} is null or ${t.state} in ('queued', 'running')`),
  ],
);

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
    state: text("state").$type<ItemState>().notNull().default("pending"),
    reason: text("reason"),
    requestId: text("request_id"),
    attempts: integer("attempts").notNull().default(0),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("job_items_job_position_idx").on(t.jobId, t.position), index("job_items_token_idx").on(t.tokenId)],
);

export const jobBudgets = pgTable("job_budgets", {
  account: text("account").primaryKey(),
  nextAt: timestamp("next_at", { withTimezone: true, mode: "date" }).notNull(),
});

export type JobRow = typeof jobs.$inferSelect;
export type JobItemRow = typeof jobItems.$inferSelect;
