import { NextResponse } from "next/server";
import type { ApiError } from "./api-error";
import { NO_STORE } from "./no-store";

/** A JSON answer; contract routes name their type, `json<ResponseOf<"GET /api/portfolios">>(…)`, so the body is checked against it. */
export function json<T>(data: T, init: { status?: number; requestId?: string } = {}): NextResponse<T> {
  const headers: Record<string, string> = { ...NO_STORE };
  if (init.requestId) headers["x-request-id"] = init.requestId;
  return NextResponse.json<T>(data, { status: init.status ?? 200, headers });
}

/** A string holding `T` as JSON: made only by `serialise`, so the type travels with the text. */
export type JsonOf<T> = string & { readonly __jsonOf: T };

export function serialise<T>(data: T): JsonOf<T> {
  return JSON.stringify(data) as JsonOf<T>;
}

/** JSON serialised earlier (a cached body), sent as is; its type is still checked against the route's. */
export function jsonText<T>(text: JsonOf<T>, init: { status?: number; requestId?: string } = {}): NextResponse<T> {
  const headers: Record<string, string> = { ...NO_STORE, "Content-Type": "application/json" };
  if (init.requestId) headers["x-request-id"] = init.requestId;
  return new NextResponse(text, { status: init.status ?? 200, headers }) as NextResponse<T>;
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
