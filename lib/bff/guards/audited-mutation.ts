import "server-only";
import type { NextRequest } from "next/server";
import type { TokenView } from "@/lib/domain/types";
import type { LedgerSnapshot } from "@/lib/db/schema";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { EtoroError } from "@/lib/etoro/errors";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { recordEvent, type LedgerEventInput } from "@/lib/ledger/record";
import { accountFingerprint } from "@/lib/session";
import { ApiError } from "../http/api-error";
import { clientIp } from "../http/client-ip";

/** What is known before the mutation runs: the action and what it is about. */
export type AuditAttempt = Omit<LedgerEventInput, "account" | "clientIp" | "outcome" | "requestId" | "errorCode">;

/**
 * What a success adds to the attempt. `requestId` is required: every outcome row
 * carries the upstream call's id (null only where no upstream call is made).
 */
export type AuditSuccess = Partial<AuditAttempt> & {
  requestId: string | null;
  outcome?: "ok" | "partial";
  errorCode?: string | null;
};

/** What a failure records beyond its error code and request id (e.g. a different action, a found token). */
export type AuditFailure = Partial<AuditAttempt> & { outcome?: "error" | "partial"; errorCode?: string };

export type AuditOutcomes<T> = {
  /** The success row's fields, from the mutation's result. */
  success: (result: T) => AuditSuccess;
  /** Extra fields for the failure row; return null to record nothing (e.g. refused before eToro was asked). */
  failure?: (error: unknown) => AuditFailure | null;
};

/**
 * Runs a mutation and records its outcome, success or failure, as one ledger row
 * for the signed-in account (an HMAC fingerprint, never the key): one call, so a
 * handler cannot record one half and forget the other. Recording never fails the
 * request (the upstream change has already happened; a row the ledger cannot take
 * waits in the outbox). Awaited so the next list read sees it.
 */
export async function audited<T>(
  req: NextRequest,
  credentials: EtoroCredentials,
  attempt: AuditAttempt,
  run: () => Promise<T>,
  outcomes: AuditOutcomes<T>,
): Promise<T> {
  const base = { account: accountFingerprint(credentials), clientIp: clientIp(req) };
  let result: T;
  try {
    result = await run();
  } catch (e) {
    const extra = outcomes.failure ? outcomes.failure(e) : {};
    if (extra !== null) {
      await recordEvent({ ...attempt, ...base, outcome: "error", errorCode: errorCodeOf(e), requestId: requestIdOf(e), ...extra });
    }
    throw e;
  }
  await recordEvent({ ...attempt, ...base, outcome: "ok", ...outcomes.success(result) });
  return result;
}

export function errorCodeOf(e: unknown): string {
  return e instanceof EtoroError ? e.errorCode : e instanceof ApiError ? e.code : "InternalError";
}

function requestIdOf(e: unknown): string | null {
  return e instanceof EtoroError ? e.requestId : e instanceof ApiError ? (e.extra.requestId ?? null) : null;
}

/** What the ledger keeps of a token's settings: never its secret. */
export function tokenSnapshot(t: Pick<TokenView, "scopeNames" | "ipsWhitelist" | "expiresAt"> | undefined) {
  return t ? { scopeNames: t.scopeNames, ipsWhitelist: t.ipsWhitelist, expiresAt: t.expiresAt } : null;
}

/** The boundaries as the ledger keeps them, under `boundaries` (nothing when none were given). */
export function boundariesSnapshot(b: TokenBoundaries | null | undefined): { boundaries?: LedgerSnapshot[string] } {
  return b ? { boundaries: b as unknown as LedgerSnapshot["boundaries"] } : {};
}
