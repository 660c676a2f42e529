/**
 * Job actions in the ledger: who created a job (with its targets), who cancelled it
 * (a person, or their sign-out) and who retried it. The actor is the account's
 * fingerprint and the session that asked; the calls a job makes are recorded per
 * item by run-item.ts, as the single mutations write them.
 */
import { recordEvent } from "@/lib/ledger/record";
import type { JobKind } from "./types";

/** Who asked: the sign-in (console_sessions.id) and the address it came from. */
export type JobActor = { sessionId: string | null; clientIp: string | null };

/** Why a job was cancelled: the Cancel button, or the session that owned it ended. */
export type CancelCause = "cancel" | "sign-out";

export type JobTarget = { portfolioId: string; portfolioName: string | null; tokenId: string | null; tokenName: string | null };

export async function recordJobCreated(account: string, actor: JobActor, job: { id: string; kind: JobKind }, targets: JobTarget[]): Promise<void> {
  await recordEvent({
    account,
    action: "job.create",
    outcome: "ok",
    clientIp: actor.clientIp,
    after: { jobId: job.id, kind: job.kind, sessionId: actor.sessionId, targets },
  });
}

export async function recordJobCancelled(account: string, actor: JobActor, job: { id: string; kind: JobKind }, cause: CancelCause): Promise<void> {
  await recordEvent({
    account,
    action: "job.cancel",
    outcome: "ok",
    clientIp: actor.clientIp,
    after: { jobId: job.id, kind: job.kind, sessionId: actor.sessionId, cause },
  });
}

export async function recordJobRetried(account: string, actor: JobActor, job: { id: string; kind: JobKind }, items: number): Promise<void> {
  await recordEvent({
    account,
    action: "job.retry",
    outcome: "ok",
    clientIp: actor.clientIp,
    after: { jobId: job.id, kind: job.kind, sessionId: actor.sessionId, items },
  });
}
