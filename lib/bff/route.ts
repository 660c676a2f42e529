import type { NextRequest } from "next/server";
import { ZodError } from "zod";
import { ConfigError } from "@/lib/config";
import { EtoroError } from "@/lib/etoro/errors";
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
export function route<C = unknown>(handler: Handler<C>, options: { mutation?: boolean } = {}): Handler<C> {
  return async (req, ctx) => {
    try {
      if (options.mutation) assertSameOrigin(req);
      return await handler(req, ctx);
    } catch (e) {
      return errorResponse(toApiError(e, req));
    }
  };
}

export function toApiError(e: unknown, req?: NextRequest): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof EtoroError) return fromEtoroError(e);
  if (e instanceof ZodError) return validationError(e);
  if (e instanceof ConfigError) {
    console.error(`[config] ${e.message}`);
    return new ApiError(500, "ServerMisconfigured", "The console is not configured correctly. An operator must fix its settings.");
  }
  console.error(`[bff] unexpected ${e instanceof Error ? e.name : typeof e} on ${req?.method ?? "?"} ${req?.nextUrl.pathname ?? "?"}`);
  return new ApiError(500, "InternalError", "Something went wrong in the console. Try again; if it keeps happening, report it.");
}
