/**
 * Each account's shared schedule of upstream calls for bulk jobs. `next_at` is the
 * earliest time the next call may start; reserving a call moves it on by one interval
 * in a single UPDATE, so instances sharing a database share one pace.
 */
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const jobBudgets = pgTable("job_budgets", {
  account: text("account").primaryKey(),
  nextAt: timestamp("next_at", { withTimezone: true, mode: "date" }).notNull(),
});
