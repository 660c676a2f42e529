/**
 * Jobs obey sign-out. A job runs on a key that a sign-in handed over, so when that
 * sign-in ends its jobs end too: their sealed keys are erased at once and what had
 * not run is skipped. "Sign out everywhere" (no `sessionId`) ends every job of the
 * account; ending one session ends the jobs that session started. No other session
 * adopts them: signing out is the person withdrawing that grant, and a job that
 * carried on under another browser's sign-in would outlive it without anyone having
 * asked for that. The other session still sees the job, cancelled, and can start it
 * again.
 */
import { getLedgerDb } from "@/lib/db/process-db";
import { recordJobCancelled, type JobActor } from "./job-events";
import { cancelJobsOf } from "./store";

/** `endedBy`: the session that asked, when it is not the one that ended (sign out everywhere). */
export async function endJobsOfEndedSessions(ended: { account: string; sessionId?: string; endedBy?: JobActor }): Promise<number> {
  const cancelled = await cancelJobsOf(await getLedgerDb(), ended.account, ended.sessionId);
  const actor = ended.endedBy ?? { sessionId: ended.sessionId ?? null, clientIp: null };
  for (const job of cancelled) await recordJobCancelled(ended.account, actor, job, "sign-out");
  return cancelled.length;
}
