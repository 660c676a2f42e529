import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { EtoroError, parseRetryAfter } from "./errors";
import { upstreamErrorSchema } from "./wire-schemas";

/** Who is calling: the app's API key and the signed-in person's user key. */
export type EtoroCredentials = { apiKey: string; userKey: string };

export type EtoroTarget = { baseUrl: string; timeoutMs: number };

export type EtoroResponse<T> = { status: number; data: T; requestId: string };

type EtoroRequest<T> = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  credentials: EtoroCredentials;
  target: EtoroTarget;
  body?: unknown;
  /** Parses a 2xx body; omit for 204 answers. */
  schema?: z.ZodType<T>;
};

/**
 * The one door to eToro: adds the auth headers and a fresh x-request-id,
 * enforces a timeout, parses the reply with zod and turns every failure into
 * an EtoroError. Nothing here logs a header or a body: both carry secrets.
 */
export async function etoroFetch<T = undefined>(req: EtoroRequest<T>): Promise<EtoroResponse<T>> {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    accept: "application/json",
    "x-request-id": requestId,
    "x-api-key": req.credentials.apiKey,
    "x-user-key": req.credentials.userKey,
  };
  if (req.body !== undefined) headers["content-type"] = "application/json";

  let res: Response;
  try {
    res = await fetch(`${req.target.baseUrl}${req.path}`, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.target.timeoutMs),
      cache: "no-store",
      redirect: "error",
    });
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
    throw new EtoroError({
      kind: timedOut ? "timeout" : "network",
      status: 0,
      errorCode: timedOut ? "UpstreamTimeout" : "UpstreamUnreachable",
      message: timedOut
        ? `eToro did not answer within ${seconds(req.target.timeoutMs)} s.`
        : "Could not reach eToro.",
      requestId,
    });
  }

  const text = await readText(res, requestId);

  if (!res.ok) {
    const parsed = upstreamErrorSchema.safeParse(tryJson(text));
    throw new EtoroError({
      kind: "upstream",
      status: res.status,
      errorCode: (parsed.success && parsed.data.errorCode) || `Http${res.status}`,
      message: (parsed.success && parsed.data.errorMessage) || res.statusText || `HTTP ${res.status}`,
      requestId,
      retryAfterSeconds: parseRetryAfter(res.headers.get("retry-after")),
    });
  }

  if (!req.schema) return { status: res.status, data: undefined as T, requestId };

  const result = req.schema.safeParse(tryJson(text));
  if (!result.success) {
    throw new EtoroError({
      kind: "bad-response",
      status: res.status,
      errorCode: "UpstreamBadResponse",
      message: "eToro sent a reply the console could not read.",
      requestId,
    });
  }
  return { status: res.status, data: result.data, requestId };
}

/** 1500 → "1.5", 10000 → "10", 250 → "0.25": the configured timeout as it is, never rounded. */
function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

async function readText(res: Response, requestId: string): Promise<string> {
  try {
    return await res.text();
  } catch {
    throw new EtoroError({
      kind: "network",
      status: res.status,
      errorCode: "UpstreamUnreachable",
      message: "The connection to eToro broke while reading its reply.",
      requestId,
    });
  }
}

function tryJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
