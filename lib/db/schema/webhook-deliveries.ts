/**
 * One account event on its way to one endpoint: a small durable queue. A worker
 * claims due rows under a lease (`lease_owner` until `lease_expires_at`, the jobs'
 * idea), sends, then settles: delivered, or back to pending with the next attempt
 * time, or failed after the last attempt. `id` is the Standard Webhooks
 * `webhook-id`, the same on every attempt and on Send again, so a receiver can
 * drop repeats. `payload` is the event as sent: ids, names and amounts, never a secret.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { webhookEndpoints } from "./webhook-endpoints";

export type WebhookDeliveryState = "pending" | "delivered" | "failed";

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    account: text("account").notNull(),
    /** The account_events row it came from; null for a test event. */
    eventId: bigint("event_id", { mode: "number" }),
    eventType: text("event_type").notNull(),
    /** `{type, timestamp, data}`, the Standard Webhooks body (the Slack form is made from it when sent). */
    payload: jsonb("payload").$type<{ type: string; timestamp: string; data: Record<string, unknown> }>().notNull(),
    state: text("state").$type<WebhookDeliveryState>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "date" }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_event_idx").on(t.endpointId, t.eventId),
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
