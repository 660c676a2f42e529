/**
 * Webhook endpoints and deliveries as the BFF answers them: browser-safe, never
 * the URL in full, never the signing secret (only in the answer that made it).
 */
import type { AccountEventType } from "@/lib/account-events/types";

export const WEBHOOK_FORMATS = ["standard", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** A test delivery's type: sent to one endpoint on request, never from the outbox. */
export const TEST_EVENT_TYPE = "webhook.test";
export type DeliveredEventType = AccountEventType | typeof TEST_EVENT_TYPE;

export type WebhookEndpointView = {
  id: string;
  urlHint: string;
  format: WebhookFormat;
  eventTypes: AccountEventType[];
  enabled: boolean;
  createdAt: string;
  secretRolledAt: string | null;
};

export type WebhookDeliveryView = {
  id: string;
  eventType: DeliveredEventType;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

/** The answer that creates an endpoint or rolls its secret: the only one that carries the secret. */
export type WebhookSecretResult = { endpoint: WebhookEndpointView; secret: string };
