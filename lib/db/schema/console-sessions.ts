import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Console sign-in sessions: the cookie carries only `id`; a row with `ended_at`
 * set (sign-out, sign-out everywhere, ended from the session list) makes every
 * instance refuse that cookie. Never the user key: `account` is its fingerprint.
 * Mutable on purpose (last seen, ended), unlike `ledger_events`.
 */
export const consoleSessions = pgTable(
  "console_sessions",
  {
    id: uuid("id").primaryKey(),
    account: text("account").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull(),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("console_sessions_account_active_idx").on(t.account, t.startedAt).where(sql`${t.endedAt} is null`)],
);

export type ConsoleSessionRow = typeof consoleSessions.$inferSelect;
