import "server-only";
import type { NextRequest } from "next/server";
import type { TokenView } from "@/lib/domain/types";
import { EtoroError } from "@/lib/etoro/errors";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { recordEvent, type LedgerEventInput } from "@/lib/ledger/record";
import { accountFingerprint } from "@/lib/session";
import { ApiError } from "./api-error";
import { clientIp } from "./client-ip";

type AuditFields = Omit<LedgerEventInput, "account" | "clientIp" | "outcome"> & { outcome?: LedgerEventInput["outcome"] };

/**
 * Appends one attempt and its outcome to the ledger, as the signed-in account
 * (an HMAC fingerprint, never the key). Awaited so the next list read sees it,
 * but it never fails the request: the upstream change has already happened.
 */
export async function audit(req: NextRequest, credentials: EtoroCredentials, fields: AuditFields): Promise<void> {
  await recordEvent({
    outcome: "ok",
    ...fields,
    account: accountFingerprint(credentials),
    clientIp: clientIp(req),
  });
}

/** Runs a mutation; on failure records the attempt with its error code, then rethrows. */
export async function audited<T>(
  req: NextRequest,
  credentials: EtoroCredentials,
  fields: AuditFields,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    await audit(req, credentials, {
      ...fields,
      outcome: "error",
      errorCode: e instanceof EtoroError ? e.errorCode : e instanceof ApiError ? e.code : "InternalError",
      requestId: e instanceof EtoroError ? e.requestId : null,
    });
    throw e;
  }
}

/** What the ledger keeps of a token's settings: never its secret. */
export function tokenSnapshot(t: Pick<TokenView, "scopeNames" | "ipsWhitelist" | "expiresAt"> | undefined) {
  return t ? { scopeNames: t.scopeNames, ipsWhitelist: t.ipsWhitelist, expiresAt: t.expiresAt } : null;
}
