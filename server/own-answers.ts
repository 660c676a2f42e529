// What the runtime answers itself, before Next would: Next answers a path it cannot
// decode and a method it does not know (TRACE, PROPFIND…) with a plain 500, and a
// method a route does not export with an empty 405. /api gets the BFF's JSON error
// body instead, pages a short page in words; both private (no-store) and with the
// security headers.
import { ApiError } from "@/lib/bff/http/api-error";
import { NO_STORE } from "@/lib/bff/http/no-store";
import { isProductionServer } from "@/lib/config";
import { securityHeaders } from "./security-headers";

/** The methods Next's route handlers know; any other is refused here. */
export const ROUTE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]);

/** The methods a page answers. */
export const PAGE_METHODS = "GET, HEAD";

export type OwnAnswer = { status: number; headers: Record<string, string>; body: string };

export function isApiPath(rawPath: string): boolean {
  return rawPath === "/api" || rawPath.startsWith("/api/") || rawPath.startsWith("/api?");
}

/** A path whose percent-encoding does not decode to UTF-8 (`%ff`, `%`, `a%zz`, `%E0%80%80`). */
export function undecodable(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath.split("?")[0]!);
    return false;
  } catch {
    return true;
  }
}

/** An /api path that does not decode, or with dot segments (`/api/..` is `/` to Next: a page, not JSON). */
export function malformedApiPath(rawPath: string): boolean {
  return undecodable(rawPath) || decodeURIComponent(rawPath.split("?")[0]!).split("/").some((s) => s === "." || s === "..");
}

function answer(status: number, contentType: string, body: string, extraHeaders: Record<string, string>): OwnAnswer {
  const headers = {
    "Content-Type": contentType,
    "Content-Length": String(Buffer.byteLength(body)),
    ...NO_STORE,
    ...Object.fromEntries(securityHeaders(isProductionServer()).map((h) => [h.key, h.value])),
    ...extraHeaders,
  };
  return { status, headers, body };
}

/** The BFF's JSON error answer, ready for res.writeHead/res.end. */
function jsonError(status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): OwnAnswer {
  return answer(status, "application/json", JSON.stringify(new ApiError(status, code, message).toBody()), extraHeaders);
}

/** A page-sized answer in words, for a browser that asked for a page. */
function pageError(status: number, title: string, message: string, extraHeaders: Record<string, string> = {}): OwnAnswer {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p><p><a href="/">Go to the console</a></p></body></html>`;
  return answer(status, "text/html; charset=utf-8", html, extraHeaders);
}

export const malformedPath = () =>
  jsonError(400, "MalformedPath", "This address is not valid: its percent-encoding does not decode, or it has . or .. segments.");

export const malformedPagePath = () =>
  pageError(400, "Not a valid address", "This is not a valid address: its percent-encoding does not decode. Check the link and try again.");

export const methodNotAllowed = (allow: string | null) =>
  jsonError(405, "MethodNotAllowed", `This address does not accept that method.${allow ? ` It accepts ${allow}.` : ""}`, allow ? { Allow: allow } : {});

export const pageMethodNotAllowed = () =>
  pageError(405, "Method not allowed", `A page of the console answers only ${PAGE_METHODS}.`, { Allow: PAGE_METHODS });

export const notFound = () => jsonError(404, "NotFound", "There is no such API route.");

export const badRequest = () => jsonError(400, "BadRequest", "This request could not be read as HTTP.");
