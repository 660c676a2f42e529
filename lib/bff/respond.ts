import { NextResponse } from "next/server";
import type { ApiError } from "./api-error";

/**
 * Every BFF answer is private and per-person, and some carry a secret once:
 * none may be stored by a browser or a proxy.
 */
const NO_STORE = { "Cache-Control": "no-store, max-age=0", Pragma: "no-cache" };

/** A JSON answer; contract routes name their type, `json<ResponseOf<"GET /api/portfolios">>(…)`, so the body is checked against it. */
export function json<T>(data: T, init: { status?: number; requestId?: string } = {}): NextResponse<T> {
  const headers: Record<string, string> = { ...NO_STORE };
  if (init.requestId) headers["x-request-id"] = init.requestId;
  return NextResponse.json<T>(data, { status: init.status ?? 200, headers });
}

export function noContent(init: { requestId?: string } = {}): NextResponse {
  const headers: Record<string, string> = { ...NO_STORE };
  if (init.requestId) headers["x-request-id"] = init.requestId;
  return new NextResponse(null, { status: 204, headers });
}

export function errorResponse(error: ApiError): NextResponse {
  const headers: Record<string, string> = { ...NO_STORE };
  if (error.extra.requestId) headers["x-request-id"] = error.extra.requestId;
  if (error.extra.retryAfterSeconds) headers["Retry-After"] = String(error.extra.retryAfterSeconds);
  return NextResponse.json(error.toBody(), { status: error.status, headers });
}
