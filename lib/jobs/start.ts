/**
 * Plans and creates a job for the signed-in account: resolves the targets against the
 * account's list (one shared, cached upstream read), estimates calls and time at the
 * account's pace, and, unless it is a dry run, stores the job with the key sealed.
 */
import type { PortfolioView } from "@/lib/domain/types";
import type { EtoroCredentials } from "@/lib/etoro/http";
import type { LedgerDb } from "@/lib/db/open";
import type { JobRequest } from "@/lib/schemas/job";
import { markFrozen, markPortfoliosRevoked, markRevoked } from "@/lib/gateway/token-registry";
import { recordJobCreated } from "./job-events";
import { sealCredentials } from "./key-custody";
import { estimateMs } from "./pace";
import { planItems, type JobTargets } from "./plan";
import { createJob, scopesBeforeFreeze } from "./store";
import type { JobPlan, JobView } from "./types";

export type StartJobInput = {
  db: LedgerDb;
  account: string;
  credentials: EtoroCredentials;
  portfolios: PortfolioView[];
  request: JobRequest;
  intervalMs: number;
  secret: string;
  clientIp: string | null;
  /** The sign-in starting it: ending that session ends the job (end-with-session.ts). */
  sessionId: string | null;
};

/**
 * The job's change in the gateway's registry, for every item at once. A failure
 * is logged and the job goes on: eToro still gets every call, as before.
 */
async function markAtGateway(db: LedgerDb, kind: JobRequest["kind"], items: { portfolioId: string; tokenId: string | null }[]): Promise<void> {
  const tokenIds = items.flatMap((i) => (i.tokenId ? [i.tokenId] : []));
  try {
    if (kind === "revoke") await markRevoked(db, tokenIds);
    else if (kind === "freeze") await markFrozen(db, tokenIds, true);
    else if (kind === "unfreeze") await markFrozen(db, tokenIds, false);
    else await markPortfoliosRevoked(db, items.map((i) => i.portfolioId));
  } catch (error) {
    console.error(`[gateway] marking a job's tokens failed: ${(error as Error)?.name ?? "Error"}`);
  }
}

/** Targets of the plan shown before confirming: the whole list up to this many, then a count. */
const PLAN_TARGETS_SHOWN = 500;

export async function startJob(input: StartJobInput): Promise<{ plan: JobPlan; job: JobView | null }> {
  const { db, account, request } = input;
  const targets: JobTargets = request.all ? { all: true } : request.tokenIds ? { tokenIds: request.tokenIds } : { portfolioIds: request.portfolioIds ?? [] };
  const frozen =
    request.kind === "unfreeze"
      ? await scopesBeforeFreeze(db, account, input.portfolios.flatMap((p) => p.userTokens.map((t) => t.userTokenId)))
      : undefined;
  const { items, skipped } = planItems(request.kind, targets, input.portfolios, frozen);
  const plan: JobPlan = {
    kind: request.kind,
    calls: items.length,
    etaSeconds: Math.ceil(estimateMs(items.length, input.intervalMs) / 1000),
    callsPerMinute: Math.round((60_000 / input.intervalMs) * 10) / 10,
    skipped,
    targets: items.slice(0, PLAN_TARGETS_SHOWN).map((i) => ({ portfolioId: i.portfolioId, portfolioName: i.portfolioName, tokenId: i.tokenId, tokenName: i.tokenName })),
  };
  if (request.dryRun || items.length === 0) return { plan, job: null };
  // Before the job's first eToro call: the gateway holds the change at once (the kill switch).
  await markAtGateway(db, request.kind, items);
  const job = await createJob(db, {
    account,
    kind: request.kind,
    items,
    sealedCredentials: await sealCredentials(input.credentials, input.secret),
    intervalMs: input.intervalMs,
    clientIp: input.clientIp,
    sessionId: input.sessionId,
  });
  await recordJobCreated(
    account,
    { sessionId: input.sessionId, clientIp: input.clientIp },
    job,
    items.map((i) => ({ portfolioId: i.portfolioId, portfolioName: i.portfolioName, tokenId: i.tokenId, tokenName: i.tokenName })),
  );
  return { plan, job };
}
