/**
 * The audit ledger's table. Append-only and hash-chained: `seq` is the chain
 * order, `prev_hash` links each row to the one before it, `hash` seals the row
 * (see `lib/ledger/hash.ts` for exactly which columns are hashed).
 *
 * No column ever holds a secret: `account` is an HMAC fingerprint of the user key,
 * `secret_hint` at most the last 4 characters of a minted token (enforced in
 * `lib/ledger/append.ts`). Every read filters by `account`, hence the composite indexes that lead with it.
 */
import { sql } from "drizzle-orm";
import type { LedgerAction, LedgerOutcome } from "../../ledger/actions";
import { bigserial, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A token's settings before/after a change. Typed for the fields we expect, open
 * for anything else JSON (e.g. `agentPortfolioName` on a create).
 */
export type LedgerSnapshot = {
  scopeNames?: string[];
  ipsWhitelist?: string[];
  /** ISO string, or null for "never expires". */
  expiresAt?: string | null;
  [key: string]: JsonValue | undefined;
};

export const ledgerEvents = pgTable(
  "ledger_events",
  {
    // mode "number": 2^53 events is far beyond what one console will ever write.
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: uuid("id").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    account: text("account").notNull(),
    action: text("action").$type<LedgerAction>().notNull(),
    outcome: text("outcome").$type<LedgerOutcome>().notNull(),
    errorCode: text("error_code"),
    requestId: text("request_id"),
    portfolioId: text("portfolio_id"),
    portfolioName: text("portfolio_name"),
    tokenId: text("token_id"),
    tokenName: text("token_name"),
    secretHint: text("secret_hint"),
    before: jsonb("before").$type<LedgerSnapshot>(),
    after: jsonb("after").$type<LedgerSnapshot>(),
    clientIp: text("client_ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("ledger_events_account_seq_idx").on(t.account, t.seq),
    // An event kept in the outbox while the ledger was down is appended once, even if
    // two instances drain it at the same time (lib/ledger/append.ts looks the id up under its lock).
    uniqueIndex("ledger_events_id_idx").on(t.id),
    index("ledger_events_account_token_idx").on(t.account, t.tokenId),
    // The audit page's filters, newest first per account (keyset on seq); see bench/audit.ts.
    index("ledger_events_account_action_seq_idx").on(t.account, t.action, t.seq),
    index("ledger_events_account_outcome_seq_idx").on(t.account, t.outcome, t.seq),
    index("ledger_events_account_portfolio_seq_idx").on(t.account, t.portfolioId, t.seq),
    index("ledger_events_account_portfolio_name_idx").on(t.account, t.portfolioName),
    index("ledger_events_account_token_name_idx").on(t.account, t.tokenName),
    index("ledger_events_account_at_idx").on(t.account, t.at),
    // Sign-in throttling counts recent failures per client address, across accounts.
    index("ledger_events_failed_login_idx").on(t.clientIp, t.at).where(sql`${t.action} = 'session.login_failed'`),
    // Defence in depth behind lib/ledger/append.ts: the database itself refuses a long "hint".
    check("ledger_events_secret_hint_len", sql`char_length(${t.secretHint}) <= 4`),
  ],
);

export type LedgerRow = typeof ledgerEvents.$inferSelect;
