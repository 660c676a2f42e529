import type { NextRequest } from "next/server";
import { ZodError } from "zod";
import { EtoroError } from "@/lib/etoro/errors";
import { ConfigError } from "@/lib/config";
import { clearUnusableSessionCookie, markListChanged, writableSession } from "@/lib/session";
import { ApiError } from "./api-error";
import { validationError } from "./read-json";
import { errorResponse } from "./respond";
import { assertSameOrigin } from "./same-origin";
import { fromEtoroError } from "./upstream-error";

type Handler<C> = (req: NextRequest, ctx: C) => Promise<Response>;

/**
 * Wraps a route handler: mutations pass the same-origin check, and every
 * failure becomes the shared JSON error body. Unexpected errors are logged by
 * name only (messages and bodies may hold secrets) and answered without detail.
 */
export function route<C = unknown>(
  handler: Handler<C>,
  options: { mutation?: boolean; changesPortfolios?: boolean } = {},
): Handler<C> {
  return async (req, ctx) => {
    try {
      await clearUnusableSessionCookie();
      if (options.mutation || options.changesPortfolios) assertSameOrigin(req);
      let reachedUpstream = true;
      try {
        return await handler(req, ctx);
      } catch (e) {
        // Refused here (bad input, no session): eToro was never asked, nothing changed.
        if (e instanceof ApiError) reachedUpstream = false;
        throw e;
      } finally {
        // Once eToro was asked, success or failure, its list may have changed: every instance must reload it.
        if (options.changesPortfolios && reachedUpstream) await markListChanged();
      }
    } catch (e) {
      if (e instanceof EtoroError && e.status === 401) return errorResponse(await endRejectedSession(e));
      return errorResponse(toApiError(e, req));
    }
  };
}

/**
 * eToro no longer accepts the signed-in key (revoked, expired): the session is
 * worthless, so end it and answer like any ended session; the page then goes
 * to sign-in instead of showing the same error for ever.
 */
async function endRejectedSession(e: EtoroError): Promise<ApiError> {
  (await writableSession()).destroy();
  return new ApiError(401, "NotSignedIn", "eToro no longer accepts your user key. Sign in again.", { requestId: e.requestId });
}

export function toApiError(e: unknown, req?: NextRequest): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof EtoroError) return fromEtoroError(e, { mutation: !!req && req.method !== "GET" });
  if (e instanceof ZodError) return validationError(e);
  if (e instanceof ConfigError) {
    console.error(`[config] ${e.message}`);
    return new ApiError(500, "ServerMisconfigured", "The console is not configured correctly. An operator must fix its settings.");
  }
  console.error(`[bff] unexpected ${e instanceof Error ? e.name : typeof e} on ${req?.method ?? "?"} ${req?.nextUrl.pathname ?? "?"}`);
  return new ApiError(500, "InternalError", "Something went wrong in the console. Try again; if it keeps happening, report it.");
}
