import { NextRequest } from "next/server";

/** A NextRequest as a browser on http://console.test would send it; headers override the defaults. */
export function testRequest(
  method: string,
  options: { path?: string; headers?: Record<string, string>; body?: BodyInit | null } = {},
): NextRequest {
  const headers = new Headers({ host: "console.test", ...options.headers });
  return new NextRequest(`http://console.test${options.path ?? "/api/test"}`, {
    method,
    headers,
    body: options.body ?? null,
    // Node's fetch needs this for a streamed body.
    ...(options.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

/** The headers a same-origin fetch from the console's own page carries. */
export const SAME_ORIGIN = { origin: "http://console.test", "sec-fetch-site": "same-origin" };
