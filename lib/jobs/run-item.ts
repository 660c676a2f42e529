/**
 * One item of a job: one upstream call, its outcome in words, and the ledger event
 * the single mutation would have written (same action, same before/after), with the
 * job's id in `after.jobId`.
 */
import { EtoroError } from "@/lib/etoro/errors";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { deletePortfolio, revokeToken, updateToken } from "@/lib/etoro/agent-portfolios";
import { recordEvent, type LedgerEventInput } from "@/lib/ledger/record";
import type { JobItemRow, JobRow } from "@/lib/db/schema";
import type { JobItemState as ItemState } from "./types";

export type ItemResult =
  | { kind: "settled"; state: Exclude<ItemState, "pending">; reason: string | null; requestId: string | null }
  /** eToro's quota: wait Retry-After and run the item again. */
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** eToro refuses the key itself (revoked, expired): no further item can succeed. */
  | { kind: "key-rejected"; reason: string }
  /** No answer (timeout, broken connection): the change may have happened; reconcile.ts reads back. */
  | { kind: "unanswered"; error: EtoroError };

const RETRY_AFTER_FALLBACK_SECONDS = 5;

export async function runItem(job: Pick<JobRow, "id" | "kind" | "account" | "clientIp">, item: JobItemRow, credentials: EtoroCredentials): Promise<ItemResult> {
  const ledger = ledgerFields(job, item);
  try {
    const { requestId } = await call(job.kind, item, credentials);
    await recordEvent({ ...ledger, outcome: "ok", requestId });
    return { kind: "settled", state: "done", reason: null, requestId };
  } catch (e) {
    if (!(e instanceof EtoroError)) throw e;
    if (e.status === 429) return { kind: "rate-limited", retryAfterSeconds: e.retryAfterSeconds ?? RETRY_AFTER_FALLBACK_SECONDS };
    if (e.kind === "timeout" || e.kind === "network") return { kind: "unanswered", error: e };
    if (e.status === 401) return { kind: "key-rejected", reason: "eToro no longer accepts the user key that started this job. Sign in again and retry." };
    await recordEvent({ ...ledger, outcome: "error", errorCode: e.errorCode, requestId: e.requestId });
    return { kind: "settled", ...settledFailure(job.kind, e) };
  }
}

function call(kind: JobRow["kind"], item: JobItemRow, credentials: EtoroCredentials): Promise<{ requestId: string }> {
  switch (kind) {
    case "revoke":
      return revokeToken(credentials, item.portfolioId, item.tokenId!);
    case "freeze":
    case "unfreeze":
      return updateToken(credentials, item.portfolioId, item.tokenId!, { scopeNames: item.scopeNames ?? [] });
    case "delete-portfolio":
      return deletePortfolio(credentials, item.portfolioId);
  }
}

/** A 404 means the goal is already reached for revoke and delete ("already gone"), and that there is nothing to change for freeze. */
function settledFailure(kind: JobRow["kind"], e: EtoroError): Omit<Extract<ItemResult, { kind: "settled" }>, "kind"> {
  const requestId = e.requestId;
  if (e.status === 404) {
    if (kind === "revoke" || kind === "delete-portfolio") return { state: "done", reason: "Already gone", requestId };
    return { state: "skipped", reason: "The token no longer exists", requestId };
  }
  if (e.errorCode === "NoChangesDetected") return { state: "done", reason: "Already had these scopes", requestId };
  return { state: "failed", reason: `${e.message} (${e.errorCode})`, requestId };
}

export function ledgerFields(job: Pick<JobRow, "id" | "kind" | "account" | "clientIp">, item: JobItemRow): Omit<LedgerEventInput, "outcome"> {
  const names = {
    account: job.account,
    clientIp: job.clientIp,
    portfolioId: item.portfolioId,
    portfolioName: item.portfolioName,
    tokenId: item.tokenId,
    tokenName: item.tokenName,
    before: item.before,
  };
  switch (job.kind) {
    case "revoke":
      return { ...names, action: "token.revoke", after: { jobId: job.id } };
    case "freeze":
    case "unfreeze":
      return { ...names, action: "token.update", after: { ...item.before, scopeNames: item.scopeNames ?? [], jobId: job.id } };
    case "delete-portfolio":
      return { ...names, action: "portfolio.delete", after: { jobId: job.id } };
  }
}
