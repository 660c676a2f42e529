/**
 * The /api/* pipeline, in the order eToro applies it: count the request, wait out any
 * injected latency, authenticate (401; on trading paths a user token's expiry too, and
 * its IP whitelist: 403), take the quota (429), check x-request-id (400), answer an
 * injected fault if one fires, then route (404 / 405), check a token's scope for the
 * operation (403) and run the handler.
 * Errors become `{errorCode, errorMessage}` (as ProblemDetails where the trading spec
 * documents that shape); anything unexpected is a plain 500 UnhandledException
 * "Global Error", never a stack trace. x-request-id is echoed.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Authenticator } from "./auth";
import { ApiError, apiErrors, MESSAGES } from "./errors";
import type { FaultRegistry } from "./faults";
import { parseJsonBody, sendEmpty, sendJson, sendText, type RawBody } from "./http";
import type { RateLimiter } from "./rate-limit";
import type { Router } from "./router";
import type { RequestStats } from "./stats";
import type { SandboxStore } from "./store";
import type { TradingDesk } from "./trading/accounts";
import { identifyTradingCaller, quotaKey, requireAccess, type Caller } from "./trading/token-auth";
import { isTradingPath } from "./routes/trading";
import { isUuid } from "./validation";

export interface ApiDependencies {
  auth: Authenticator;
  limiter: RateLimiter;
  stats: RequestStats;
  faults: FaultRegistry;
  store: SandboxStore;
  desk: TradingDesk;
  /** Milliseconds since the epoch: "now" for expiry checks, rates and timestamps. */
  clock: () => number;
  router: Router;
  sleep: (ms: number) => Promise<void>;
  onUnexpectedError: (error: unknown) => void;
}

/** What an injected `malformed` fault answers: 200 and a truncated JSON document. */
export const MALFORMED_BODY = '{"agentPortfolios":[{"agentPortfolioId":"';
const MAX_ECHOED_REQUEST_ID = 200;

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Handles one API request; resolves with the status it answered. */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  rawBody: RawBody,
  deps: ApiDependencies,
): Promise<number> {
  const method = (req.method ?? "GET").toUpperCase();
  deps.stats.record(`${method} ${deps.router.templateFor(pathname) ?? "(unmatched)"}`);
  const requestId = singleHeader(req, "x-request-id");
  const echo: Record<string, string> =
    requestId !== undefined && requestId.length <= MAX_ECHOED_REQUEST_ID ? { "x-request-id": requestId } : {};

  const plan = deps.faults.plan(method, pathname);
  if (plan.latencyMs > 0) await deps.sleep(plan.latencyMs);
  const match = deps.router.match(method, pathname);
  const problemErrors = match.kind === "found" && match.route.problemErrors === true;

  try {
    const now = new Date(deps.clock());
    const caller: Caller = isTradingPath(pathname)
      ? identifyTradingCaller(req, deps.auth, deps.store, now)
      : { kind: "account", userKey: deps.auth.authenticate(req.headers) };
    const quota = deps.limiter.take(quotaKey(caller));
    if (!quota.allowed) throw apiErrors.tooManyRequests(quota.retryAfterSeconds);
    if (!isUuid(requestId)) throw apiErrors.validation(MESSAGES.requestIdInvalid);

    if (plan.answer?.kind === "malformed") {
      sendText(res, 200, MALFORMED_BODY, echo);
      return 200;
    }
    if (plan.answer?.kind === "error") throw plan.answer.error;

    if (match.kind === "not-found") throw apiErrors.routeNotFound();
    if (match.kind === "method-not-allowed") throw apiErrors.methodNotAllowed(match.allow);
    if (match.route.trading) requireAccess(caller, match.route.trading);

    let parsed: { value: unknown } | undefined;
    const result = match.route.handler({
      userKey: caller.userKey,
      caller,
      query: new URLSearchParams((req.url ?? "").split("?").slice(1).join("?")),
      requestId,
      params: match.params,
      rawBody,
      json: () => (parsed ??= { value: parseJsonBody(rawBody) }).value,
      store: deps.store,
      desk: deps.desk,
      faults: plan,
      now,
    });
    // The change is made; its answer is late (a reply lost to the client's timeout).
    if (plan.lateAnswerMs > 0) await deps.sleep(plan.lateAnswerMs);
    if (result.body === undefined) sendEmpty(res, result.status, echo);
    else sendJson(res, result.status, result.body, echo);
    return result.status;
  } catch (error) {
    const apiError = error instanceof ApiError ? error : apiErrors.unhandled();
    if (!(error instanceof ApiError)) deps.onUnexpectedError(error);
    sendJson(res, apiError.status, problemErrors ? apiError.toProblem() : apiError.toBody(), { ...echo, ...apiError.headers });
    return apiError.status;
  }
}

