import "server-only";
/**
 * What route handlers call. By the time an event is recorded the upstream change has
 * usually happened already, so a ledger failure must neither crash the request nor
 * turn a done mutation into an error the user would retry: log the error's kind —
 * never the event, never the message (Drizzle's messages carry the query parameters)
 * — and carry on.
 */
import { sql } from "drizzle-orm";
import { appendEvent } from "./append";
import { getLedgerDb } from "./db";
import type { LedgerEventInput } from "./event";

export type { LedgerEventInput } from "./event";

const HEALTH_TIMEOUT_MS = 3_000;

export async function recordEvent(event: LedgerEventInput): Promise<void> {
  try {
    await appendEvent(await getLedgerDb(), event);
  } catch (error) {
    console.error(`[ledger] append failed: ${errorName(error)}`);
  }
}

/**
 * Cheap: opens (and migrates) the ledger if needed, then one transaction that reads
 * the table and checks the server accepts writes (not a read-only replica). Gives up
 * after 3 s so a hung database cannot hang the health check.
 */
export async function ledgerHealth(): Promise<{ writable: boolean }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
  });
  try {
    const writable = await Promise.race([probe(), timeout]);
    return { writable };
  } catch (error) {
    console.error(`[ledger] health check failed: ${errorName(error)}`);
    return { writable: false };
  } finally {
    clearTimeout(timer);
  }
}

async function probe(): Promise<boolean> {
  const db = await getLedgerDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ledger_events limit 1`);
    const result = (await tx.execute(sql`select pg_is_in_recovery() as in_recovery`)) as unknown as {
      rows: { in_recovery: boolean }[];
    };
    return result.rows[0]?.in_recovery === false;
  });
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
