import "server-only";
/**
 * What route handlers call. By the time an event is recorded the upstream change has
 * usually happened already, so a ledger failure must neither crash the request nor
 * turn a done mutation into an error the user would retry: log the error's kind —
 * never the event, never the message (Drizzle's messages carry the query parameters)
 * — and keep the event in the outbox (outbox.ts) until the ledger takes it.
 */
import { randomUUID } from "node:crypto";
import { appendEvent } from "./append";
import { getLedgerDb } from "../db/process-db";
import { LedgerSecretError, LedgerValidationError, type LedgerEventInput } from "./event";
import { Outbox, outboxDirFromEnv } from "./outbox";
import { ledgerEvents } from "../db/schema";

export type { LedgerEventInput } from "./event";

const HEALTH_TIMEOUT_MS = 3_000;

const OUTBOX_KEY = Symbol.for("agent-portfolio-console.ledger-outbox");
type OutboxGlobal = typeof globalThis & { [OUTBOX_KEY]?: Outbox };

/** The process's outbox (kept across Next's dev reloads, like the ledger itself). */
export function ledgerOutbox(): Outbox {
  const store = globalThis as OutboxGlobal;
  const dir = outboxDirFromEnv();
  if (store[OUTBOX_KEY]?.dir !== dir) store[OUTBOX_KEY] = new Outbox(dir, getLedgerDb);
  return store[OUTBOX_KEY];
}

/**
 * Appends an event; when the ledger cannot take it, the event waits in the outbox
 * and is appended once the ledger is back. Never throws.
 */
export async function recordEvent(event: LedgerEventInput): Promise<void> {
  const outbox = ledgerOutbox();
  // Its id and time are fixed now, so the row says when it happened even if appended later.
  const fixed = { ...event, id: event.id ?? randomUUID(), at: event.at ?? new Date() };
  try {
    await appendEvent(await getLedgerDb(), fixed);
  } catch (error) {
    console.error(`[ledger] append failed: ${errorName(error)}`);
    // A refused event (a secret, a malformed field) would be refused again: not kept.
    if (!(error instanceof LedgerSecretError || error instanceof LedgerValidationError)) outbox.keep(fixed);
    return;
  }
  if (outbox.pending()) void outbox.drain();
}

/** Refused because the ledger cannot record right now. */
export class LedgerUnavailableError extends Error {
  override name = "LedgerUnavailableError";
}

/**
 * Throws LedgerUnavailableError unless the ledger takes a write right now: asked
 * before a grant (create, mint, widening a token), which must not happen unrecorded.
 */
export async function assertLedgerWritable(): Promise<void> {
  if (!(await ledgerHealth()).writable) throw new LedgerUnavailableError("The audit ledger cannot record changes right now.");
}

/**
 * Whether the ledger takes a write now, asked of the database every time (a real
 * insert, rolled back), never remembered from start-up; and how many events wait in
 * the outbox. A writable ledger with events waiting drains them. Gives up after 3 s
 * so a hung database cannot hang the caller.
 */
export async function ledgerHealth(): Promise<{ writable: boolean; pending: number }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
  });
  let writable = false;
  try {
    writable = await Promise.race([probe(), timeout]);
  } catch (error) {
    console.error(`[ledger] health check failed: ${errorName(error)}`);
  } finally {
    clearTimeout(timer);
  }
  const outbox = ledgerOutbox();
  if (writable && outbox.pending()) await outbox.drain();
  return { writable, pending: outbox.pending() };
}

/** Thrown inside the probe's transaction to roll it back (our own class: instanceof holds in any bundle). */
class ProbeRollback extends Error {}

/** One real insert into the ledger's table, rolled back: what an append needs, minus the row. */
async function probe(): Promise<boolean> {
  const db = await getLedgerDb();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(ledgerEvents).values({
        id: randomUUID(),
        at: new Date(),
        account: "health-probe",
        action: "session.login",
        outcome: "ok",
        prevHash: "probe",
        hash: "probe",
      });
      throw new ProbeRollback();
    });
  } catch (error) {
    if (error instanceof ProbeRollback) return true;
    throw error;
  }
  return true;
}

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  // DrizzleQueryError wraps the driver's error: add the cause's name and its code
  // (SQLSTATE like 23514, or ECONNREFUSED) — both say what went wrong, neither holds data.
  const cause = (error as { cause?: unknown }).cause;
  let name = error.name;
  if (cause instanceof Error && !["Error", "error", error.name].includes(cause.name)) name += ` (${cause.name})`;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[A-Z0-9_]{2,32}$/.test(code)) name += ` [${code}]`;
  return name;
}
