/**
 * A job call that got no answer may still have happened at eToro. As the mint
 * timeout does (lib/bff/guards/timeout-recovery.ts), one fresh list read tells: the token
 * gone, or holding the scopes the item set, means done; otherwise not done. The
 * ledger gets the outcome the read-back shows, so Unfreeze restores every token a
 * freeze really changed and no item claims a change that did not happen. When the
 * read-back fails too the item fails, and Retry failed asks eToro again (a revoke
 * already made answers 404, "Already gone"; a freeze already made, NoChangesDetected).
 */
import type { EtoroError } from "@/lib/etoro/errors";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { recordEvent } from "@/lib/ledger/record";
import { ledgerFields, type ItemResult } from "./run-item";
import type { JobItemRow, JobRow } from "@/lib/db/schema";

type Settled = Extract<ItemResult, { kind: "settled" }>;

export async function reconcileItem(
  job: Pick<JobRow, "id" | "kind" | "account" | "clientIp">,
  item: JobItemRow,
  credentials: EtoroCredentials,
  unanswered: EtoroError,
): Promise<Settled> {
  const ledger = ledgerFields(job, item);
  const requestId = unanswered.requestId;
  let portfolios;
  try {
    portfolios = (await listPortfolios(credentials, { fresh: true })).portfolios;
  } catch {
    await recordEvent({ ...ledger, outcome: "error", errorCode: unanswered.errorCode, requestId });
    return { kind: "settled", state: "failed", reason: `${unanswered.message} Checking with eToro failed too: Retry failed will ask again.`, requestId };
  }
  const portfolio = portfolios.find((p) => p.agentPortfolioId === item.portfolioId);
  const token = portfolio?.userTokens.find((t) => t.userTokenId === item.tokenId);
  const happened =
    job.kind === "delete-portfolio"
      ? !portfolio
      : job.kind === "revoke"
        ? !token
        : !!token && sameScopes(token.scopeNames, item.scopeNames ?? []);
  if (happened) {
    await recordEvent({ ...ledger, outcome: "ok", requestId });
    return { kind: "settled", state: "done", reason: "eToro answered too late, but the change was made", requestId };
  }
  await recordEvent({ ...ledger, outcome: "error", errorCode: unanswered.errorCode, requestId });
  if (job.kind !== "delete-portfolio" && job.kind !== "revoke" && !token) {
    return { kind: "settled", state: "skipped", reason: "The token no longer exists", requestId };
  }
  return { kind: "settled", state: "failed", reason: `${unanswered.message} eToro's list shows it was not made.`, requestId };
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}
