/**
 * Durable bulk jobs, in the console's database so every instance sees them: one row
 * per bulk action of one account. An instance runs a job while it holds the lease
 * (`lease_owner` until `lease_expires_at`); a lease that lapses (the instance died)
 * lets any other instance claim the job. `sealed_credentials` is the user key sealed
 * with the server's secret (iron-session `sealData`), present only while the job can
 * still run and erased the moment it ends or is cancelled.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { JobKind, JobState } from "../../jobs/types";

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

export type JobRow = typeof jobs.$inferSelect;
