import "server-only";
import type { SecretLost } from "@/lib/domain/types";
import { EtoroError } from "@/lib/etoro/errors";
import { ApiError } from "../http/api-error";
import type { AuditFailure } from "./audited-mutation";
import { markListChanged } from "@/lib/session";

/**
 * A mint or create whose answer timed out may have happened upstream: a live token
 * whose secret nobody saw. `run` is the call; on a timeout, `find` spends ONE fresh
 * list read to see whether the token is there. Found: a clear SecretLost error with
 * its ids, so the page offers Revoke. Not found: a timeout saying so. If that read
 * fails too, the original unknown-outcome error stands.
 */
export async function withTimeoutRecovery<T>(
  what: "token" | "portfolio",
  run: () => Promise<T>,
  find: () => Promise<SecretLost | null>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof EtoroError) || e.kind !== "timeout") throw e;
    // eToro was asked, so every instance must reload the list (route() skips this for ApiErrors).
    await markListChanged();
    let found: SecretLost | null;
    try {
      found = await find();
    } catch {
      throw e;
    }
    if (found) {
      const message =
        what === "token"
          ? `eToro answered too late: the token "${found.tokenName}" was created, but its secret was lost. Revoke it, then mint a new one.`
          : `eToro answered too late: the portfolio was created with its first token "${found.tokenName ?? "?"}", but the token's secret was lost. Revoke the token (or delete the portfolio), then mint a new one.`;
      throw new ApiError(502, "SecretLost", message, { requestId: e.requestId, secretLost: found });
    }
    throw new ApiError(
      504,
      "UpstreamTimeout",
      `${e.message} The ${what} is not in your list just read, so it was most likely not created. eToro may still be working on it: reload the list in a moment before you try again.`,
      { requestId: e.requestId },
    );
  }
}

/** The ledger row of a lost secret: the token exists (partial), with its id. */
export function secretLostFields(e: unknown): AuditFailure {
  if (e instanceof ApiError && e.code === "SecretLost" && e.extra.secretLost) {
    return { outcome: "partial", portfolioId: e.extra.secretLost.portfolioId, tokenId: e.extra.secretLost.tokenId };
  }
  return {};
}
