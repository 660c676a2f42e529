/**
 * Puts an account event in the outbox (account_events). Call it with the same
 * database handle (or transaction) as the change that caused it, so the event
 * exists exactly when the change does; delivery happens elsewhere, later.
 */
import type { LedgerDb } from "@/lib/db/open";
import { accountEvents } from "@/lib/db/schema";
import type { AccountEvent } from "./types";

type Writer = Pick<LedgerDb, "insert">;

export async function emitAccountEvents(db: Writer, events: readonly AccountEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(accountEvents).values(events.map((e) => ({ account: e.account, type: e.type, data: e.data })));
}

export function emitAccountEvent(db: Writer, event: AccountEvent): Promise<void> {
  return emitAccountEvents(db, [event]);
}
