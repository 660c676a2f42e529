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

type JobRef = { id: string; kind: JobKind };

/** One ledger row per job action, all of the same shape: the job, the session that asked, and what is particular to the action. */
async function recordJobAction(action: "job.create" | "job.cancel" | "job.retry", account: string, actor: JobActor, job: JobRef, detail: Record<string, unknown>) {
  await recordEvent({
    account,
    action,
    outcome: "ok",
    clientIp: actor.clientIp,
    after: { jobId: job.id, kind: job.kind, sessionId: actor.sessionId, ...detail },
  });
}

export function recordJobCreated(account: string, actor: JobActor, job: JobRef, targets: JobTarget[]): Promise<void> {
  return recordJobAction("job.create", account, actor, job, { targets });
}

export function recordJobCancelled(account: string, actor: JobActor, job: JobRef, cause: CancelCause): Promise<void> {
  return recordJobAction("job.cancel", account, actor, job, { cause });
}

export function recordJobRetried(account: string, actor: JobActor, job: JobRef, items: number): Promise<void> {
  return recordJobAction("job.retry", account, actor, job, { items });
}
