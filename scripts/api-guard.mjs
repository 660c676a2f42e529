// What the node:http wrapper (next-server.mjs) answers itself on /api, before Next
// would: Next answers a path it cannot decode and a method it does not know (TRACE,
// PROPFIND…) with a plain 500, and a method a route does not export with an empty
// 405. Every /api answer is the JSON error body with no-store and the security
// headers instead.
import { securityHeaders } from "./security-headers.mjs";

/** The methods Next's route handlers know; any other is refused here. */
export const ROUTE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]);

export function isApiPath(rawPath) {
  return rawPath === "/api" || rawPath.startsWith("/api/") || rawPath.startsWith("/api?");
}

/**
 * A path whose percent-encoding does not decode to UTF-8 (`%ff`, `%`, `a%zz`,
 * `%E0%80%80`), or with dot segments (`/api/..` is `/` to Next: a page, not JSON).
 */
export function malformed(rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath.split("?")[0]);
  } catch {
    return true;
  }
  return decoded.split("/").some((segment) => segment === "." || segment === "..");
}

/** The JSON error answer: status, headers and body, ready for res.writeHead/res.end. */
export function jsonError(status, code, message, extraHeaders = {}) {
  const body = JSON.stringify({ error: { code, message } });
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store, max-age=0",
    Pragma: "no-cache",
    ...Object.fromEntries(securityHeaders().map((h) => [h.key, h.value])),
    ...extraHeaders,
  };
  return { status, headers, body };
}

export const malformedPath = () =>
  jsonError(400, "MalformedPath", "This address is not valid: its percent-encoding does not decode, or it has . or .. segments.");

export const methodNotAllowed = (allow) =>
  jsonError(405, "MethodNotAllowed", `This address does not accept that method.${allow ? ` It accepts ${allow}.` : ""}`, allow ? { Allow: allow } : {});

export const notFound = () => jsonError(404, "NotFound", "There is no such API route.");

export const badRequest = () => jsonError(400, "BadRequest", "This request could not be read as HTTP.");
