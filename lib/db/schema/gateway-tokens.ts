import { boolean, index, jsonb, pgTable, text, timestamp, uuid, bigint } from "drizzle-orm/pg-core";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";

/**
 * The gateway's registry of the tokens this console minted: an agent's
 * `x-user-key` is known by `lookup_key`, an HMAC of the secret under a key the
 * database never holds (so a leaked database alone cannot test guesses), never
 * by the secret. Frozen and revoked take effect here at once, before eToro is
 * told; `version` grows with every change so each instance can reload just what
 * changed. Mutable on purpose, unlike `ledger_events`.
 */
export const gatewayTokens = pgTable(
  "gateway_tokens",
  {
    userTokenId: uuid("user_token_id").primaryKey(),
    lookupKey: text("lookup_key").notNull().unique(),
    account: text("account").notNull(),
    agentPortfolioId: uuid("agent_portfolio_id").notNull(),
    userTokenName: text("user_token_name").notNull(),
    /** eToro's IP whitelist is the gateway's egress: the token works nowhere else. */
    gatewayOnly: boolean("gateway_only").notNull().default(false),
    /** The agent's own addresses, checked at the gateway (empty: any). */
    agentIps: text("agent_ips").array().notNull().default([]),
    frozenAt: timestamp("frozen_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    mintedAt: timestamp("minted_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    /** When eToro will stop the token (null: never, or not known), for the token.expiring notice; not part of the gateway's cache. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    /** The person's risk boundaries (lib/schemas/boundaries.ts); `{}` reads as none. Cached by every instance with the rest of the row. */
    boundaries: jsonb("boundaries").$type<Partial<TokenBoundaries>>().notNull().default({}),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("gateway_tokens_account_idx").on(t.account), index("gateway_tokens_version_idx").on(t.version)],
);

export type GatewayTokenRow = typeof gatewayTokens.$inferSelect;
