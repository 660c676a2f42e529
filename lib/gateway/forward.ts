/**
 * The gateway's one way out: an undici pool to the one configured upstream
 * origin (the sandbox, or eToro with ETORO_API_BASE_URL), nothing else.
 *
 * - Requests carry only allow-listed headers, so cookies, authorization,
 *   hop-by-hop and forwarding headers never leave; the answer comes back with
 *   its status and an allow-list of response headers, streamed, never buffered
 *   (except up to a cap when the caller asks to read an order's result).
 * - Nothing is ever retried (undici's Pool has no retry unless one is composed
 *   in, and none is), writes are sent non-idempotent, and redirects are never
 *   followed (no redirect interceptor either): an upstream 3xx becomes a 502, so
 *   an agent is never pointed somewhere around the gateway.
 * - `x-api-key`: the agent's own key is forwarded when it sends one, so an agent
 *   built for eToro works by changing only its base URL; when it sends none, the
 *   console's configured key is used, so an agent can run with its token alone.
 *   Only tokens this console minted get that far, so the console's key is never
 *   lent to a stranger. With neither, the request is refused with a 401.
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { Writable } from "node:stream";
import { Pool, type Dispatcher } from "undici";
import type { Refusal } from "./etoro-error";
import type { RefusalReason } from "./metrics";

export type UpstreamOptions = {
  /** The configured upstream base URL; a path on it (a prefix) is kept. */
  baseUrl: string;
  /** The console's own x-api-key; null when it has none. */
  apiKey: string | null;
  /** The address the gateway calls from (its egress address; 127.0.0.2 in sandbox mode). */
  localAddress?: string;
  /** Connect, headers and between-chunks timeout. */
  timeoutMs: number;
  /** Connections to the upstream at most. */
  connections?: number;
};

export type ForwardRequest = {
  method: string;
  /** Path as matched (already checked) and the raw query, without "?". */
  path: string;
  query: string;
  /** The agent's headers: only allow-listed ones are read. */
  headers: IncomingHttpHeaders;
  userKey: string;
  requestId: string;
  body: Buffer | null;
  write: boolean;
  /** Keep up to this many bytes of the answer for the caller (order results); 0 to keep none. */
  captureBytes: number;
};

export type ForwardOutcome =
  | { status: number; captured: Buffer | null }
  | { refusal: Refusal; reason: RefusalReason; maybeSent: boolean };

/** A small GET the gateway makes for itself (an instrument's rate), with the calling agent's credentials. */
export type UpstreamRead = { path: string; query: string; userKey: string; agentApiKey: string | undefined; requestId: string };

export type Upstream = {
  forward(request: ForwardRequest, res: ServerResponse): Promise<ForwardOutcome>;
  /** Reads a JSON answer of at most 64 KiB; throws when eToro cannot be reached or there is no API key. */
  read(request: UpstreamRead): Promise<{ status: number; body: Buffer }>;
  close(): Promise<void>;
};

/** Agent headers that may reach the upstream (besides x-user-key, x-api-key and x-request-id, set explicitly). */
const REQUEST_HEADERS = ["content-type", "accept", "accept-language", "user-agent"] as const;
/** Upstream headers that may reach the agent. Everything else (hop-by-hop, set-cookie, location, server internals) stays. */
const RESPONSE_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "cache-control",
  "etag",
  "last-modified",
  "vary",
  "retry-after",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
] as const;

const NO_API_KEY: Refusal = { status: 401, code: "Unauthorized", message: "Send your eToro API key as x-api-key: this console has none to lend." };
const READ_CAP = 64 * 1024;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Failures that happen before a byte of the request can have reached eToro. */
const NEVER_SENT = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_CONNECT_TIMEOUT", "ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

function refusalFor(error: unknown): { refusal: Refusal; reason: RefusalReason; maybeSent: boolean } {
  const code = (error as { code?: string } | null)?.code ?? "";
  // An order whose answer never came may still have been placed: a budget reserved for it is kept.
  const maybeSent = !NEVER_SENT.has(code);
  if (code === "UND_ERR_INVALID_ARG") {
    return { maybeSent, reason: "bad-request", refusal: { status: 400, code: "ValidationFailed", message: "The request carries a header value eToro would not accept." } };
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return {
      maybeSent,
      reason: "upstream-timeout",
      refusal: { status: 504, code: "UpstreamTimeout", message: "eToro did not answer in time. Writes are never retried: look the order up before sending it again." },
    };
  }
  return {
    maybeSent,
    reason: "upstream-unavailable",
    refusal: { status: 502, code: "UpstreamUnavailable", message: "eToro could not be reached. Writes are never retried: look the order up before sending it again." },
  };
}

/**
 * The answer passed on to the agent as it comes, its first `cap` bytes kept in
 * `chunks`. A plain Writable in front of `res` rather than a PassThrough piped
 * with stream.pipeline: pipeline's abort signal (and the DOMException it builds
 * on every finish) cost an order a few percent of the gateway's CPU. The agent
 * going away destroys it, so undici stops reading the upstream answer.
 */
function captureInto(res: ServerResponse, chunks: Buffer[], cap: number): Writable {
  let kept = 0;
  const tap = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (kept < cap) {
        chunks.push(chunk);
        kept += chunk.length;
      }
      if (res.write(chunk)) done();
      else res.once("drain", () => done());
    },
    final(done) {
      res.end(() => done());
    },
  });
  res.once("close", () => {
    if (!res.writableFinished) tap.destroy(new Error("the agent closed the connection"));
  });
  return tap;
}

/** A sink for an answer that is not passed on (a redirect). */
function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

export function createUpstream(options: UpstreamOptions): Upstream {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  const pool = new Pool(base.origin, {
    connections: options.connections ?? 64,
    localAddress: options.localAddress,
    connectTimeout: options.timeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });

  async function forward(request: ForwardRequest, res: ServerResponse): Promise<ForwardOutcome> {
    const apiKey = first(request.headers["x-api-key"]) || options.apiKey;
    if (!apiKey) {
      return {
        reason: "no-api-key",
        refusal: NO_API_KEY,
        maybeSent: false,
      };
    }
    const headers: Record<string, string> = { "x-user-key": request.userKey, "x-api-key": apiKey, "x-request-id": request.requestId };
    for (const name of REQUEST_HEADERS) {
      const value = first(request.headers[name]);
      if (value !== undefined) headers[name] = value;
    }
    // Answers the gateway reads come uncompressed; the rest keep the agent's choice.
    const encoding = first(request.headers["accept-encoding"]);
    if (encoding !== undefined && request.captureBytes === 0) headers["accept-encoding"] = encoding;

    let redirected = false;
    let chunks: Buffer[] | null = null;
    const factory: Dispatcher.StreamFactory = ({ statusCode, headers: answer }) => {
      if (statusCode >= 300 && statusCode < 400) {
        redirected = true;
        return discard();
      }
      res.statusCode = statusCode;
      for (const name of RESPONSE_HEADERS) {
        const value = answer[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      res.setHeader("x-request-id", first(answer["x-request-id"]) ?? request.requestId);
      if (request.captureBytes === 0) return res;
      chunks = [];
      return captureInto(res, chunks, request.captureBytes);
    };

    try {
      await pool.stream(
        {
          path: request.query ? `${prefix}${request.path}?${request.query}` : `${prefix}${request.path}`,
          method: request.method as Dispatcher.HttpMethod,
          headers,
          body: request.body,
          idempotent: !request.write,
        },
        factory,
      );
    } catch (error) {
      if (res.headersSent) {
        // The answer had begun: cut it short so the agent sees a broken answer, not a whole-looking one.
        res.destroy();
        return { status: res.statusCode, captured: null };
      }
      for (const name of RESPONSE_HEADERS) res.removeHeader(name);
      return refusalFor(error);
    }
    if (redirected) {
      return {
        maybeSent: true,
        reason: "upstream-redirect",
        refusal: { status: 502, code: "UpstreamUnavailable", message: "eToro answered with a redirect, which the gateway never follows." },
      };
    }
    const captured = chunks as Buffer[] | null;
    return { status: res.statusCode, captured: captured ? Buffer.concat(captured).subarray(0, request.captureBytes) : null };
  }

  async function read(request: UpstreamRead): Promise<{ status: number; body: Buffer }> {
    const apiKey = request.agentApiKey || options.apiKey;
    if (!apiKey) throw new Error("no API key to read with");
    const answer = await pool.request({
      path: request.query ? `${prefix}${request.path}?${request.query}` : `${prefix}${request.path}`,
      method: "GET",
      headers: { "x-user-key": request.userKey, "x-api-key": apiKey, "x-request-id": request.requestId, accept: "application/json" },
      idempotent: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of answer.body) {
      size += (chunk as Buffer).length;
      if (size > READ_CAP) {
        answer.body.destroy();
        throw new Error("answer too large");
      }
      chunks.push(chunk as Buffer);
    }
    return { status: answer.statusCode, body: Buffer.concat(chunks) };
  }

  return { forward, read, close: () => pool.close() };
}
