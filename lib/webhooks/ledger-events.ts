/**
 * Webhook endpoint changes in the ledger: added, changed (paused, resumed, other
 * events, a new secret) and removed, with what the pages show of the URL. Never
 * the URL in full (a Slack URL is a credential) nor the signing secret.
 */
import { recordEvent } from "@/lib/ledger/record";
import type { WebhookEndpointView } from "./types";

type Change = "webhook.create" | "webhook.update" | "webhook.delete";

function snapshot(endpoint: WebhookEndpointView) {
  return { endpointId: endpoint.id, urlHint: endpoint.urlHint, format: endpoint.format, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled };
}

export async function recordWebhookChange(
  action: Change,
  account: string,
  clientIp: string | null,
  endpoint: { before?: WebhookEndpointView; after?: WebhookEndpointView; secretRolled?: boolean },
): Promise<void> {
  await recordEvent({
    account,
    action,
    outcome: "ok",
    clientIp,
    before: endpoint.before ? snapshot(endpoint.before) : null,
    after: endpoint.after ? { ...snapshot(endpoint.after), ...(endpoint.secretRolled ? { secretRolled: true } : {}) } : null,
  });
}
