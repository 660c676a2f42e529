import type { AccountEventType } from "@/lib/account-events/types";
import { TEST_EVENT_TYPE, type DeliveredEventType, type WebhookFormat } from "@/lib/webhooks/types";

/** Each account event in words, for the checkboxes and the deliveries table. */
export const EVENT_LABELS: Record<AccountEventType, string> = {
  "approval.requested": "An order waits for approval",
  "budget.threshold": "A budget is 80 % or 100 % used",
  "order.refused": "The gateway refused an order",
  "token.minted": "A token was minted",
  "token.frozen": "A token was frozen",
  "token.revoked": "A token was revoked",
  "token.expiring": "A token expires within 7 days",
  "token.unused": "A token has not been used for 30 days",
};

export const eventLabel = (type: DeliveredEventType) => (type === TEST_EVENT_TYPE ? "Test event" : (EVENT_LABELS[type] ?? type));

export const FORMAT_LABELS: Record<WebhookFormat, string> = { standard: "Standard Webhooks JSON", slack: "Slack-compatible" };
