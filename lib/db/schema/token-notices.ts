/**
 * What the periodic token scan has already told an account (token.expiring,
 * token.unused), so each is said once per token and condition. `basis` is what
 * the condition was judged on (the expiry, or the last use): a token given a new
 * expiry, or used again and then left idle again, is told about again.
 */
import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const tokenNotices = pgTable(
  "token_notices",
  {
    userTokenId: uuid("user_token_id").notNull(),
    condition: text("condition").$type<"expiring" | "unused">().notNull(),
    basis: text("basis").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userTokenId, t.condition, t.basis] })],
);
