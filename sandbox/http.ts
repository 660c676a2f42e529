/**
 * Low-level HTTP helpers: read a request body, answer JSON, an empty 204, an error, or
 * raw text. Every answer is `Cache-Control: no-store` (some carry a token secret).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, MESSAGES } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface RawBody {
  text: string;
  tooLarge: boolean;
  /** The client went away before the body was complete; there is nobody to answer. */
  aborted?: boolean;
}

/** Reads the whole body (keeps at most MAX_BODY_BYTES, drains the rest). Never rejects. */
export function readBody(req: IncomingMessage): Promise<RawBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve({ text: tooLarge ? "" : Buffer.concat(chunks).toString("utf8"), tooLarge }));
    req.on("error", () => resolve({ text: "", tooLarge: false, aborted: true }));
    req.on("close", () => {
      if (!req.complete) resolve({ text: "", tooLarge: false, aborted: true });
    });
  });
}

/** Parses a JSON body; 400 ValidationFailed when it is missing, too large or not JSON. */
export function parseJsonBody(raw: RawBody): unknown {
  if (raw.tooLarge) throw new ApiError(400, "ValidationFailed", MESSAGES.bodyTooLarge);
  if (raw.text.trim() === "") throw new ApiError(400, "ValidationFailed", "Request body is required");
  try {
    return JSON.parse(raw.text) as unknown;
  } catch {
    throw new ApiError(400, "ValidationFailed", MESSAGES.invalidJson);
  }
}

function writable(res: ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
  contentType = "application/json; charset=utf-8",
): void {
  if (!writable(res)) return;
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status = 204, headers: Record<string, string> = {}): void {
  if (!writable(res)) return;
  res.writeHead(status, { "cache-control": "no-store", ...headers });
  res.end();
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, error.toBody(), { ...error.headers });
}
