/**
 * The agent gateway as a plain Node request handler for `/gateway/…`: an agent
 * points its eToro client at `<console>/gateway` and changes nothing else.
 *
 * A request passes, in order: an allowed operation of eToro's trading spec
 * (404 otherwise), a UUID x-request-id or none (one is made), a user token in
 * x-user-key that this console minted (`identify`; guessing is throttled per
 * address), a JSON body within the cap for operations that take one, the
 * policy hook (`admit`: frozen tokens, boundaries, budgets), and then goes to
 * the one upstream. Refusals are written in eToro's error shape. The hook may
 * also answer in the gateway's place (an order held for a person's approval),
 * or admit with a `settle` that hears how the upstream call ended (a budget
 * reserved before forwarding is kept or given back).
 *
 * Cookies are never read here: the only credential is x-user-key, so a
 * console session cookie, whatever it holds, grants nothing (and is never
 * forwarded either). It runs on any `http.Server`, inside the console's
 * process or on its own for scale-out.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { sendEtoroError, type Refusal } from "./etoro-error";
import type { Upstream } from "./forward";
import type { GuessThrottle } from "./guess-throttle";
import type { GatewayLog } from "./log";
import { UNMATCHED, type GatewayMetrics, type RefusalReason } from "./metrics";
import { createOperationTable, type GatewayOperation, type OperationTable } from "./operations";
import { orderUsage, type UsageRecord } from "./usage-record";

/** What `identify` knows about a token this console minted (the policy hook may get more). */
export type GatewayToken = { userTokenId: string; agentPortfolioId: string };

/** The request as the policy hook sees it: never the token's secret or a header. */
export type GatewayRequest = {
  method: string;
  params: Record<string, string>;
  query: string;
  /** The parsed JSON body of an order; null for everything else. */
  order: unknown;
  clientAddress: string;
  requestId: string;
  /** The x-approval-id header as sent (an order retried after a person approved it); null when none. */
  approvalId: string | null;
  /** A GET to the upstream with this caller's credentials (an instrument's rate); the secret stays out of the hook's sight. */
  readUpstream(path: string, query: string): Promise<{ status: number; body: Buffer }>;
};

/** How the upstream call of an admitted request ended: eToro's status, or no answer (and whether the request may have reached it). */
export type Settlement = { status: number } | { failed: true; maybeSent: boolean };

/** What the gateway answers itself instead of forwarding (an order held for approval). */
export type GatewayAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * The policy hook's decision. A refusal may name its reason (revoked, frozen,
 * a boundary) and its figures for the usage record and the ledger; metrics
 * count it as "policy". An admission may carry `settle`, told once how the
 * upstream call ended (it must not throw), and the approval it used.
 */
export type Admission =
  | { ok: true; settle?: (outcome: Settlement) => Promise<void>; approvalId?: string }
  | { refuse: Refusal; reason?: string; detail?: UsageRecord["boundary"] }
  | { answer: GatewayAnswer };

export type GatewayDeps<T extends GatewayToken> = {
  upstream: Upstream;
  /** The token a user key belongs to, or null when this console never minted it. */
  identify(userKey: string): T | null | Promise<T | null>;
  /** The policy hook: frozen, boundaries, budgets. Admits everything when absent. */
  admit?(token: T, operation: GatewayOperation, request: GatewayRequest): Admission | Promise<Admission>;
  /** Takes each usage record; must not block (see usage-batcher). */
  onUsage(record: UsageRecord): void;
  throttle: GuessThrottle;
  metrics?: GatewayMetrics;
  log?: GatewayLog;
  operations?: OperationTable;
  /** The caller's address (behind a trusted proxy, from its header); the socket's by default. */
  clientAddress?(req: IncomingMessage): string;
  /** Which door a request came through, for its usage record: "rest" unless told (the MCP door says "mcp"). */
  channelOf?(req: IncomingMessage): UsageRecord["via"];
  /** Largest request body accepted (default 64 KiB). */
  maxBodyBytes?: number;
  /** Most of an order's answer read for its ids (default 64 KiB); the agent always gets all of it. */
  maxAnswerBytes?: number;
  /** Where the gateway is mounted (default /gateway). */
  prefix?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

const NOT_ALLOWED: Refusal = {
  status: 404,
  code: "NotFound",
  message: "The gateway forwards only eToro's trading, market-data and /api/v1/me operations, spelled as eToro's API spells them.",
};
const BAD_REQUEST_ID: Refusal = { status: 400, code: "ValidationFailed", message: "x-request-id must be a UUID (or left out, and the gateway makes one)." };
const NO_USER_KEY: Refusal = { status: 401, code: "Unauthorized", message: "Send the user token this console minted for your agent as x-user-key." };
const UNKNOWN_TOKEN: Refusal = {
  status: 401,
  code: "Unauthorized",
  message:
    "This token was not minted by this console: roll it in the console (Roll on its row) and give your agent the new token.",
};
const NOT_JSON: Refusal = { status: 415, code: "UnsupportedMediaType", message: "Send the request body as application/json." };
const NO_BODY_HERE: Refusal = { status: 400, code: "ValidationFailed", message: "This operation takes no request body." };
const BAD_JSON: Refusal = { status: 400, code: "ValidationFailed", message: "The request body is not valid JSON." };
/** identify or admit failed (the console's state is out of reach): nothing was sent upstream, so the agent may simply retry. */
const STATE_UNAVAILABLE: Refusal = {
  status: 503,
  code: "ServiceUnavailable",
  message: "The gateway cannot check this token right now; nothing was sent to eToro. Try again shortly.",
  retryAfterSeconds: 1,
};
const INTERNAL: Refusal = {
  status: 500,
  code: "InternalError",
  message: "The gateway failed on this request. Writes are never retried: look the order up before sending it again.",
};

function tooLarge(max: number): Refusal {
  return { status: 413, code: "PayloadTooLarge", message: `The request body is larger than the gateway accepts (${max} bytes).` };
}

type BodyRead = Buffer | "too-large" | "aborted";

/** Reads a request body up to `max` bytes; stops reading the moment it grows past it. */
function readBody(req: IncomingMessage, max: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        cleanup();
        req.pause();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onAbort = () => {
      cleanup();
      resolve("aborted");
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}

function sendAnswer(res: ServerResponse, answer: GatewayAnswer, requestId: string): void {
  const body = JSON.stringify(answer.body);
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(body));
  res.setHeader("cache-control", "no-store");
  res.setHeader("x-request-id", requestId);
  res.end(body);
}

function declaresBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

export function createGatewayHandler<T extends GatewayToken>(deps: GatewayDeps<T>): (req: IncomingMessage, res: ServerResponse) => void {
  const table = deps.operations ?? createOperationTable();
  const prefix = deps.prefix ?? "/gateway";
  const maxBody = deps.maxBodyBytes ?? 64 * 1024;
  const maxAnswer = deps.maxAnswerBytes ?? 64 * 1024;
  const addressOf = deps.clientAddress ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? "");
  const bodyTooLarge = tooLarge(maxBody);

  async function serve(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const method = req.method ?? "";
    const url = req.url ?? "";
    const clientAddress = addressOf(req);
    let operation: GatewayOperation | null = null;
    let token: T | null = null;
    let requestId: string | null = null;

    const done = (
      status: number,
      refusal: RefusalReason | null,
      order: UsageRecord["order"],
      detail?: string,
      extra: Pick<UsageRecord, "boundary" | "approvalId"> = {},
    ) => {
      const latencyMs = performance.now() - started;
      const operationId = operation?.operationId ?? UNMATCHED;
      deps.metrics?.observe(operationId, status, latencyMs / 1000);
      if (refusal) deps.metrics?.refused(refusal);
      deps.log?.({ method, operation: operationId, status, latencyMs, requestId, userTokenId: token?.userTokenId ?? null, ...(refusal ? { refusal } : {}) });
      if (token && operation && requestId) {
        deps.onUsage({
          at: new Date().toISOString(),
          userTokenId: token.userTokenId,
          agentPortfolioId: token.agentPortfolioId,
          operationId,
          account: operation.account,
          write: operation.write,
          status,
          latencyMs,
          requestId,
          clientAddress,
          via: deps.channelOf?.(req) ?? "rest",
          refusal: detail ?? refusal,
          order,
          ...extra,
        });
      }
    };
    const refuse = (reason: RefusalReason, refusal: Refusal, detail?: string, boundary?: UsageRecord["boundary"]) => {
      // A body the gateway did not read must not be read after the answer either: close instead.
      // A request without one keeps its connection (`complete` is still false while a
      // bodyless request is being handled synchronously).
      if (!req.complete && declaresBody(req)) res.setHeader("connection", "close");
      sendEtoroError(res, refusal, requestId);
      done(refusal.status, reason, null, detail, boundary ? { boundary } : {});
    };

    const matched =
      url.length > prefix.length && url.startsWith(prefix) && url.charCodeAt(prefix.length) === 47 /* "/" */
        ? table.match(method, url.slice(prefix.length))
        : null;
    if (!matched) return refuse("not-allowed", NOT_ALLOWED);
    operation = matched.operation;

    const sentId = req.headers["x-request-id"];
    if (sentId === undefined) requestId = randomUUID();
    else if (typeof sentId === "string" && UUID.test(sentId)) requestId = sentId;
    else return refuse("bad-request-id", BAD_REQUEST_ID);

    const userKey = req.headers["x-user-key"];
    if (typeof userKey !== "string" || userKey === "") return refuse("no-user-key", NO_USER_KEY);

    const blockedMs = deps.throttle.blockedForMs(clientAddress);
    if (blockedMs > 0) {
      const retryAfterSeconds = Math.ceil(blockedMs / 1000);
      return refuse("throttled", {
        status: 429,
        code: "TooManyRequests",
        message: `Too many unknown tokens from this address: try again in ${retryAfterSeconds} s with a token this console minted.`,
        retryAfterSeconds,
      });
    }
    try {
      token = await deps.identify(userKey);
    } catch {
      return refuse("state-unavailable", STATE_UNAVAILABLE);
    }
    if (!token) {
      deps.throttle.fail(clientAddress);
      return refuse("unknown-token", UNKNOWN_TOKEN);
    }

    let body: Buffer | null = null;
    let order: unknown = null;
    if (operation.hasBody) {
      const type = req.headers["content-type"];
      if (type === undefined || !JSON_TYPE.test(type)) return refuse("bad-content-type", NOT_JSON);
      const declared = Number(req.headers["content-length"] ?? 0);
      if (declared > maxBody) return refuse("body-too-large", bodyTooLarge);
      const read = await readBody(req, maxBody);
      if (read === "aborted") {
        res.destroy();
        return;
      }
      if (read === "too-large") return refuse("body-too-large", bodyTooLarge);
      body = read;
      if (operation.orderFields) {
        try {
          order = JSON.parse(body.toString("utf8"));
        } catch {
          return refuse("bad-body", BAD_JSON);
        }
      }
    } else if (declaresBody(req)) {
      return refuse("bad-body", NO_BODY_HERE);
    }

    let admitted: Extract<Admission, { ok: true }> | null = null;
    if (deps.admit) {
      let admission: Admission;
      const approvalHeader = req.headers["x-approval-id"];
      const agentApiKey = req.headers["x-api-key"];
      try {
        admission = await deps.admit(token, operation, {
          method,
          params: matched.params,
          query: matched.query,
          order,
          clientAddress,
          requestId,
          approvalId: typeof approvalHeader === "string" ? approvalHeader : null,
          readUpstream: (path, query) =>
            deps.upstream.read({ path, query, userKey, agentApiKey: typeof agentApiKey === "string" ? agentApiKey : undefined, requestId: randomUUID() }),
        });
      } catch {
        return refuse("state-unavailable", STATE_UNAVAILABLE);
      }
      if ("refuse" in admission) return refuse("policy", admission.refuse, admission.reason, admission.detail);
      if ("answer" in admission) {
        sendAnswer(res, admission.answer, requestId);
        return done(admission.answer.status, null, null);
      }
      admitted = admission;
    }

    const outcome = await deps.upstream.forward(
      {
        method,
        path: matched.path,
        query: matched.query,
        headers: req.headers,
        userKey,
        requestId,
        body,
        write: operation.write,
        captureBytes: operation.resultIds.length > 0 ? maxAnswer : 0,
      },
      res,
    );
    if ("refusal" in outcome) refuse(outcome.reason, outcome.refusal);
    else done(outcome.status, null, orderUsage(operation, order, matched.params, outcome.captured), undefined, admitted?.approvalId ? { approvalId: admitted.approvalId } : {});
    // After the agent has its answer: settling only decides what a budget keeps.
    if (admitted?.settle) {
      await admitted.settle("refusal" in outcome ? { failed: true, maybeSent: outcome.maybeSent } : { status: outcome.status }).catch(() => undefined);
    }
  }

  return function handleGatewayRequest(req, res) {
    const started = performance.now();
    serve(req, res, started).catch(() => {
      // Only the fact is logged: an error here may hold request data, never fit for a log line.
      deps.metrics?.refused("internal");
      deps.log?.({ method: req.method ?? "", operation: UNMATCHED, status: 500, latencyMs: performance.now() - started, requestId: null, userTokenId: null, refusal: "internal" });
      sendEtoroError(res, INTERNAL, null);
    });
  };
}
