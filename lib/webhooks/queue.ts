/**
 * The delivery queue in the database (webhook_deliveries), shared by every
 * instance: fan-out from the account events outbox, claiming due deliveries
 * under a lease, settling an attempt, Send again, a test event.
 *
 * Why not lib/jobs: a job there is one account's bulk eToro work, paced to
 * eToro's quota and holding the person's sealed key while it runs; a delivery is
 * one message to one URL with its own retry clock (5 s … hours), no key and no
 * quota. The lease idea is the same: a claim is one UPDATE … WHERE id IN
 * (SELECT … FOR UPDATE SKIP LOCKED) RETURNING (PostgreSQL and PGlite alike);
 * a claim that lapses (its instance died mid-attempt) is claimed again, and
 * settling checks the lease owner, so an attempt is settled once.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { accountEvents, webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow } from "@/lib/db/schema";
import { standardPayload } from "./payload";
import { TEST_EVENT_TYPE, type DeliveredEventType, type WebhookDeliveryView } from "./types";

/** A Standard Webhooks message id: unique per message, the same on every attempt of it. */
export function newMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, "")}`;
}

/** The wait after failed attempt n (1-based): 5 s, 30 s, 2 min, 10 min, 1 h, 3 h, then 6 h; ±20 % jitter so receivers coming back are not hit at once. */
const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000];
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function toDeliveryView(row: WebhookDeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    eventType: row.eventType as DeliveredEventType,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Turns undispatched account events into deliveries, one per enabled endpoint of
 * the account that asked for the event's type, and marks the events dispatched,
 * in one transaction (an event is fanned out once, even with instances side by
 * side: SKIP LOCKED, and the unique endpoint+event index). Returns events read.
 */
export async function fanOut(db: LedgerDb, limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await tx
      .select()
      .from(accountEvents)
      .where(isNull(accountEvents.dispatchedAt))
      .orderBy(asc(accountEvents.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (events.length === 0) return 0;
    const accounts = [...new Set(events.map((e) => e.account))];
    const endpoints = await tx
      .select({ id: webhookEndpoints.id, account: webhookEndpoints.account, eventTypes: webhookEndpoints.eventTypes })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.account, accounts), eq(webhookEndpoints.enabled, true)));
    const deliveries = events.flatMap((event) =>
      endpoints
        .filter((ep) => ep.account === event.account && ep.eventTypes.includes(event.type))
        .map((ep) => ({
          id: newMessageId(),
          endpointId: ep.id,
          account: event.account,
          eventId: event.id,
          eventType: event.type,
          payload: standardPayload(event.type, event.at, event.data as Record<string, unknown>),
        })),
    );
    if (deliveries.length > 0) await tx.insert(webhookDeliveries).values(deliveries).onConflictDoNothing();
    await tx
      .update(accountEvents)
      .set({ dispatchedAt: sql`now()` })
      .where(inArray(accountEvents.id, events.map((e) => e.id)));
    return events.length;
  });
}

/** Claims up to `limit` due deliveries of enabled endpoints for one attempt each (counted now, before the call). */
export async function claimDue(db: LedgerDb, owner: string, leaseMs: number, limit: number): Promise<WebhookDeliveryRow[]> {
  const now = sql`clock_timestamp()`;
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.state, "pending"),
        lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.leaseExpiresAt), sql`${webhookDeliveries.leaseExpiresAt} < ${now}`),
        inArray(webhookDeliveries.endpointId, db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true))),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({
      leaseOwner: owner,
      leaseExpiresAt: sql`clock_timestamp() + ${`${leaseMs} milliseconds`}::interval`,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastAttemptAt: now,
    })
    .where(inArray(webhookDeliveries.id, due))
    .returning();
}

export type AttemptOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Records an attempt: delivered; or, failed, pending again after the backoff, or
 * failed for good after the last attempt. Only by the lease's owner (false: the
 * claim lapsed and another instance has it, or Send again reset it).
 */
export async function settleAttempt(
  db: LedgerDb,
  owner: string,
  delivery: Pick<WebhookDeliveryRow, "id" | "attempts">,
  outcome: AttemptOutcome,
  retry: { maxAttempts: number; backoffMs: (attempt: number) => number },
): Promise<boolean> {
  const released = { leaseOwner: null, leaseExpiresAt: null, lastStatus: outcome.status };
  const set = outcome.ok
    ? { ...released, state: "delivered" as const, deliveredAt: sql`clock_timestamp()`, lastError: null }
    : delivery.attempts >= retry.maxAttempts
      ? { ...released, state: "failed" as const, lastError: outcome.error }
      : {
          ...released,
          state: "pending" as const,
          lastError: outcome.error,
          nextAttemptAt: sql`clock_timestamp() + ${`${retry.backoffMs(delivery.attempts)} milliseconds`}::interval`,
        };
  const settled = await db
    .update(webhookDeliveries)
    .set(set)
    .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseOwner, owner)))
    .returning({ id: webhookDeliveries.id });
  return settled.length === 1;
}

/** Send again: the same message (same webhook-id) goes out at once with a fresh set of attempts. */
export async function resendDelivery(db: LedgerDb, account: string, endpointId: string, id: string): Promise<WebhookDeliveryRow | null> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ state: "pending", attempts: 0, nextAttemptAt: sql`clock_timestamp()`, leaseOwner: null, leaseExpiresAt: null, deliveredAt: null })
    .where(and(eq(webhookDeliveries.account, account), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)))
    .returning();
  return row ?? null;
}

/** A test message to one endpoint, due at once. */
export async function queueTestEvent(db: LedgerDb, account: string, endpointId: string): Promise<WebhookDeliveryRow> {
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      id: newMessageId(),
      endpointId,
      account,
      eventId: null,
      eventType: TEST_EVENT_TYPE,
      payload: standardPayload(TEST_EVENT_TYPE, new Date(), { endpointId, message: "A test event from the Agent Portfolio Console." }),
    })
    .returning();
  return row;
}

/** The endpoint's most recent deliveries, newest first. */
export async function recentDeliveries(db: LedgerDb, account: string, endpointId: string, limit = 50): Promise<WebhookDeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.account, account), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

/** Deliveries that ended (delivered or failed) more than `days` ago are dropped, a bounded batch at a time. */
export async function pruneDeliveries(db: LedgerDb, days: number): Promise<void> {
  await db.execute(
    sql`delete from webhook_deliveries where id in (select id from webhook_deliveries where state <> 'pending' and created_at < now() - ${`${days} days`}::interval limit 5000)`,
  );
}
