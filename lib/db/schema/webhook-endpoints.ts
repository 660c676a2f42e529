/**
 * The URLs an account asked the console to send its account events to. `sealed`
 * holds the URL and the signing secret (whsec_…) encrypted with a server key
 * (lib/webhooks/secret-box.ts): the secret must stay usable to sign, and a URL
 * such as Slack's incoming webhook is itself a credential, so neither is kept in
 * the clear; `url_hint` is what the pages show.
 */
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey(),
    account: text("account").notNull(),
    /** The URL's origin and the end of its path, for people to recognise it: never the whole URL. */
    urlHint: text("url_hint").notNull(),
    /** "standard" (Standard Webhooks JSON) or "slack" ({text, blocks}). */
    format: text("format").$type<"standard" | "slack">().notNull(),
    /** The account event types it receives (lib/account-events/types.ts). */
    eventTypes: text("event_types").array().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    sealed: text("sealed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    secretRolledAt: timestamp("secret_rolled_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("webhook_endpoints_account_idx").on(t.account)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
