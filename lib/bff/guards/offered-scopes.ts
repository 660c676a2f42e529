import "server-only";
import { EtoroError } from "@/lib/etoro/errors";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { listAllowedScopes } from "@/lib/etoro/agent-portfolios";
import { ApiError } from "../http/api-error";
import { fromEtoroError } from "../http/upstream-error";

/**
 * Refuses scope names eToro does not offer this account (GET /api/scopes) with a 400
 * on `scopeNames`, before the create, mint or change is sent: eToro would refuse it
 * anyway, after spending a call of the account's quota. The list is cached for the
 * process, so the check is free once the form has loaded it.
 */
export async function assertScopesOffered(credentials: EtoroCredentials, scopeNames: readonly string[] | undefined): Promise<void> {
  if (!scopeNames?.length) return;
  const offered = new Set(await offeredScopes(credentials));
  const unknown = scopeNames.filter((name) => !offered.has(name));
  if (!unknown.length) return;
  const message = `eToro does not offer ${unknown.map((n) => `"${n}"`).join(", ")} to this account. Pick scopes from the list.`;
  throw new ApiError(400, "ScopeNameNotAllowed", message, { fields: { scopeNames: message } });
}

async function offeredScopes(credentials: EtoroCredentials): Promise<string[]> {
  try {
    return await listAllowedScopes(credentials);
  } catch (e) {
    // Only a read failed: nothing was changed, so "try again", never "may have changed". A 401 goes on to end the session.
    if (e instanceof EtoroError && e.status !== 401) throw fromEtoroError(e, { mutation: false });
    throw e;
  }
}
