/**
 * The control API (sandbox only, no auth, JSON), under /__sandbox/. Every request but
 * the health check must carry `x-sandbox-control: 1`: a header no HTML form can send,
 * and one a script on another site can send only after a CORS preflight this server
 * never grants. So a web page a developer visits cannot reset or fault their sandbox.
 *   GET  /__sandbox/health        200 {ok: true}
 *   POST /__sandbox/reset         204  back to the seed; clears faults, quota counters, stats.
 *                                      Optional body {seedPortfolios, seedTokens}: that generated seed
 *                                      instead, until the next reset (scale tests of a running app)
 *   GET  /__sandbox/faults        200 {faults: [...]}
 *   POST /__sandbox/faults        204  adds a fault rule (see faults.ts)
 *   DELETE /__sandbox/faults      204  clears every fault
 *   GET  /__sandbox/stats         200 {total, byRoute}
 *   POST /__sandbox/stats/reset   204
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, apiErrors } from "./errors";
import { parseFaultSpec, type FaultRegistry } from "./faults";
import { parseJsonBody, sendEmpty, sendError, sendJson, type RawBody } from "./http";
import type { RequestStats } from "./stats";

export interface ControlDependencies {
  faults: FaultRegistry;
  stats: RequestStats;
  /** Back to the seed (or the generated one asked for), with faults, quota counters and stats cleared. */
  reset: (seed?: ResetSeed) => void;
}

export type ResetSeed = { seedPortfolios?: number; seedTokens?: number };

function parseResetSeed(raw: RawBody): ResetSeed | undefined {
  if (!raw.tooLarge && raw.text.trim() === "") return undefined;
  const body = parseJsonBody(raw);
  if (!body || typeof body !== "object" || Array.isArray(body)) throw apiErrors.validation("Body must be an object");
  const seed: ResetSeed = {};
  for (const [key, value] of Object.entries(body)) {
    const [min, max] = key === "seedPortfolios" ? [0, 10_000] : key === "seedTokens" ? [1, 10] : [NaN, NaN];
    if (Number.isNaN(min)) throw apiErrors.validation(`Unknown reset field: ${key}`);
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw apiErrors.validation(`${key} must be an integer between ${min} and ${max}`);
    }
    seed[key as keyof ResetSeed] = value;
  }
  return seed;
}

/** The header (and value) every control request but GET /__sandbox/health must carry. */
export const CONTROL_HEADER = "x-sandbox-control";

type ControlResult = { status: number; body?: unknown };
type ControlHandler = (rawBody: RawBody, deps: ControlDependencies) => ControlResult;

const ROUTES: Record<string, Record<string, ControlHandler>> = {
  "/__sandbox/health": {
    GET: () => ({ status: 200, body: { ok: true } }),
  },
  "/__sandbox/reset": {
    POST: (raw, deps) => {
      deps.reset(parseResetSeed(raw));
      return { status: 204 };
    },
  },
  "/__sandbox/faults": {
    GET: (_raw, deps) => ({ status: 200, body: { faults: deps.faults.list() } }),
    POST: (raw, deps) => {
      deps.faults.add(parseFaultSpec(parseJsonBody(raw)));
      return { status: 204 };
    },
    DELETE: (_raw, deps) => {
      deps.faults.clear();
      return { status: 204 };
    },
  },
  "/__sandbox/stats": {
    GET: (_raw, deps) => ({ status: 200, body: deps.stats.snapshot() }),
  },
  "/__sandbox/stats/reset": {
    POST: (_raw, deps) => {
      deps.stats.reset();
      return { status: 204 };
    },
  },
};

export function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  rawBody: RawBody,
  deps: ControlDependencies,
): number {
  const method = (req.method ?? "GET").toUpperCase();
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const byMethod = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  try {
    if (!byMethod) throw apiErrors.routeNotFound();
    const handler = Object.hasOwn(byMethod, method) ? byMethod[method] : undefined;
    if (!handler) throw apiErrors.methodNotAllowed(Object.keys(byMethod));
    const isHealth = path === "/__sandbox/health";
    if (!isHealth && req.headers[CONTROL_HEADER] !== "1") {
      throw new ApiError(403, "ControlHeaderRequired", `The sandbox control API needs the header ${CONTROL_HEADER}: 1 (web pages cannot send it).`);
    }
    const result = handler(rawBody, deps);
    if (result.body === undefined) sendEmpty(res, result.status);
    else sendJson(res, result.status, result.body);
    return result.status;
  } catch (error) {
    const apiError = error instanceof ApiError ? error : apiErrors.unhandled();
    sendError(res, apiError);
    return apiError.status;
  }
}
