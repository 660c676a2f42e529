/**
 * An account's webhook endpoints: made with a fresh signing secret (answered
 * once), listed, paused, given other events, given a new secret, removed. Every
 * statement names the account, so one account never reads or changes another's.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { AccountEventType } from "@/lib/account-events/types";
import type { LedgerDb } from "@/lib/db/open";
import { webhookEndpoints, type WebhookEndpointRow } from "@/lib/db/schema";
import { newSigningSecret, type SecretBox } from "./secret-box";
import type { WebhookEndpointView, WebhookFormat } from "./types";
import { parseWebhookUrl, urlHint } from "./url-guard";

/** Endpoints one account may have: enough for a team's channels, few enough to fan out cheaply. */
export const MAX_ENDPOINTS_PER_ACCOUNT = 10;

export function toEndpointView(row: WebhookEndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    urlHint: row.urlHint,
    format: row.format,
    eventTypes: row.eventTypes as AccountEventType[],
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    secretRolledAt: row.secretRolledAt?.toISOString() ?? null,
  };
}

export async function listEndpoints(db: LedgerDb, account: string): Promise<WebhookEndpointRow[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.account, account)).orderBy(asc(webhookEndpoints.createdAt));
}

export async function findEndpoint(db: LedgerDb, account: string, id: string): Promise<WebhookEndpointRow | null> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.account, account), eq(webhookEndpoints.id, id)));
  return row ?? null;
}

export async function createEndpoint(
  db: LedgerDb,
  box: SecretBox,
  input: { account: string; url: string; format: WebhookFormat; eventTypes: AccountEventType[] },
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const url = parseWebhookUrl(input.url);
  const id = randomUUID();
  const secret = newSigningSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id,
      account: input.account,
      urlHint: urlHint(url),
      format: input.format,
      eventTypes: [...new Set(input.eventTypes)],
      sealed: box.seal(id, { url: url.toString(), secret }),
    })
    .returning();
  return { row, secret };
}

export async function updateEndpoint(
  db: LedgerDb,
  account: string,
  id: string,
  change: { enabled?: boolean; eventTypes?: AccountEventType[] },
): Promise<WebhookEndpointRow | null> {
  const set = {
    ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
    ...(change.eventTypes !== undefined ? { eventTypes: [...new Set(change.eventTypes)] } : {}),
  };
  const [row] = await db
    .update(webhookEndpoints)
    .set(set)
    .where(and(eq(webhookEndpoints.account, account), eq(webhookEndpoints.id, id)))
    .returning();
  return row ?? null;
}

/** A new secret replaces the old one at once: deliveries from now on are signed with it. */
export async function rollSecret(db: LedgerDb, box: SecretBox, account: string, id: string): Promise<{ row: WebhookEndpointRow; secret: string } | null> {
  const current = await findEndpoint(db, account, id);
  const opened = current ? box.open(current.id, current.sealed) : null;
  if (!current || !opened) return null;
  const secret = newSigningSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({ sealed: box.seal(id, { url: opened.url, secret }), secretRolledAt: new Date() })
    .where(and(eq(webhookEndpoints.account, account), eq(webhookEndpoints.id, id)))
    .returning();
  return row ? { row, secret } : null;
}

/** Removes the endpoint and (cascade) its deliveries; null when it is not this account's. */
export async function deleteEndpoint(db: LedgerDb, account: string, id: string): Promise<WebhookEndpointRow | null> {
  const [row] = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.account, account), eq(webhookEndpoints.id, id)))
    .returning();
  return row ?? null;
}
