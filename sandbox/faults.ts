/**
 * Fault injection for tests and demos (POST /__sandbox/faults).
 *
 * Each POST adds a rule; rules stack. A rule matches API requests by method and by a
 * RegExp tested against the pathname (default: every /api request). For a matching
 * request, every rule's `latencyMs` adds up (waited before the request is handled) and so
 * does `lateAnswerMs` (waited after: the change is made, then the answer is late, as
 * when a reply is lost to the client's timeout); the first rule (in the order added) whose
 * `errorRate` roll succeeds answers the request instead of the route:
 * `rateLimit` → 429 TooManyRequests with Retry-After, `status` → that status (5xx:
 * UnhandledException "Global Error"), `malformed` → 200 with a body that is not JSON.
 * `partialCreate` is taken by the create-portfolio routes: the portfolio is created but
 * the answer is 207 with no token. `times` counts the requests a rule acted on; when it
 * reaches 0 the rule is gone.
 */
import { ApiError, apiErrors } from "./errors";
import { has, requireObject } from "./validation";

export const DEFAULT_FAULT_RETRY_AFTER_SECONDS = 2;
const MAX_LATENCY_MS = 120_000;

export interface FaultSpec {
  latencyMs?: number;
  lateAnswerMs?: number;
  status?: number;
  /** 0..1, default 1: the chance that status / rateLimit / malformed / partialCreate fire. */
  errorRate: number;
  partialCreate?: boolean;
  rateLimit?: { retryAfterSeconds: number };
  malformed?: boolean;
  match?: { method?: string; path?: string };
  times?: number;
}

export interface FaultView extends FaultSpec {
  id: number;
  /** Requests left before the rule clears itself; absent = until cleared. */
  remaining?: number;
}

interface FaultRule {
  view: FaultView;
  pathPattern?: RegExp;
}

export type FaultAnswer = { kind: "error"; error: ApiError } | { kind: "malformed" };

const KNOWN_FIELDS = new Set(["latencyMs", "lateAnswerMs", "status", "errorRate", "partialCreate", "rateLimit", "malformed", "match", "times"]);

function fail(message: string): never {
  throw apiErrors.validation(message);
}

function optionalNumber(body: Record<string, unknown>, field: string, min: number, max: number, integer: boolean) {
  if (!has(body, field) || body[field] === undefined) return undefined;
  const value = body[field];
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    fail(`${field} must be ${integer ? "an integer" : "a number"} between ${min} and ${max}`);
  }
  return value;
}

function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  if (!has(body, field) || body[field] === undefined) return undefined;
  if (typeof body[field] !== "boolean") fail(`${field} must be a boolean`);
  return body[field] as boolean;
}

/** Validates a POST /__sandbox/faults body (400 ValidationFailed naming the field). */
export function parseFaultSpec(input: unknown): FaultSpec {
  const body = requireObject(input);
  for (const key of Object.keys(body)) if (!KNOWN_FIELDS.has(key)) fail(`Unknown fault field: ${key}`);

  const spec: FaultSpec = { errorRate: optionalNumber(body, "errorRate", 0, 1, false) ?? 1 };
  const latencyMs = optionalNumber(body, "latencyMs", 0, MAX_LATENCY_MS, false);
  if (latencyMs !== undefined) spec.latencyMs = latencyMs;
  const lateAnswerMs = optionalNumber(body, "lateAnswerMs", 0, MAX_LATENCY_MS, false);
  if (lateAnswerMs !== undefined) spec.lateAnswerMs = lateAnswerMs;
  const status = optionalNumber(body, "status", 400, 599, true);
  if (status !== undefined) spec.status = status;
  const times = optionalNumber(body, "times", 1, 1_000_000, true);
  if (times !== undefined) spec.times = times;
  if (optionalBoolean(body, "partialCreate")) spec.partialCreate = true;
  if (optionalBoolean(body, "malformed")) spec.malformed = true;

  if (has(body, "rateLimit") && body.rateLimit !== undefined && body.rateLimit !== false) {
    if (body.rateLimit === true) spec.rateLimit = { retryAfterSeconds: DEFAULT_FAULT_RETRY_AFTER_SECONDS };
    else {
      const retryAfter = optionalNumber(requireObject(body.rateLimit), "retryAfterSeconds", 1, 3600, true);
      spec.rateLimit = { retryAfterSeconds: retryAfter ?? DEFAULT_FAULT_RETRY_AFTER_SECONDS };
    }
  }

  if (has(body, "match") && body.match !== undefined) {
    const match = requireObject(body.match);
    spec.match = {};
    if (match.method !== undefined) {
      if (typeof match.method !== "string" || match.method.length === 0) fail("match.method must be a string");
      spec.match.method = match.method.toUpperCase();
    }
    if (match.path !== undefined) {
      if (typeof match.path !== "string") fail("match.path must be a RegExp source string");
      try {
        new RegExp(match.path);
      } catch {
        fail("match.path must be a valid RegExp source");
      }
      spec.match.path = match.path;
    }
  }

  if (spec.latencyMs === undefined && spec.lateAnswerMs === undefined && spec.status === undefined && !spec.rateLimit && !spec.malformed && !spec.partialCreate) {
    fail("A fault needs at least one of latencyMs, lateAnswerMs, status, rateLimit, malformed, partialCreate");
  }
  return spec;
}

function answerFor(view: FaultView): FaultAnswer | undefined {
  if (view.rateLimit) return { kind: "error", error: apiErrors.tooManyRequests(view.rateLimit.retryAfterSeconds) };
  if (view.status !== undefined) return { kind: "error", error: errorForStatus(view.status) };
  if (view.malformed) return { kind: "malformed" };
  return undefined;
}

/** The body an injected status answers with: the spec's own texts where it has them. */
export function errorForStatus(status: number): ApiError {
  if (status >= 500) return apiErrors.unhandled(status);
  switch (status) {
    case 400:
      return apiErrors.validation("Injected validation failure");
    case 401:
      return apiErrors.unauthorized();
    case 404:
      return apiErrors.routeNotFound();
    case 429:
      return apiErrors.tooManyRequests(1);
    default:
      return new ApiError(status, "InjectedFault", `Injected ${status} fault`);
  }
}

/** What the faults do to one request; `takePartialCreate` is asked by the create routes. */
export class FaultPlan {
  constructor(
    readonly latencyMs: number,
    readonly lateAnswerMs: number,
    readonly answer: FaultAnswer | undefined,
    private readonly partialRules: FaultRule[],
    private readonly charge: (rule: FaultRule) => void,
    private readonly random: () => number,
  ) {}

  takePartialCreate(): boolean {
    for (const rule of this.partialRules) {
      if (this.random() < rule.view.errorRate) {
        this.charge(rule);
        return true;
      }
    }
    return false;
  }
}

export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(spec: FaultSpec): FaultView {
    const view: FaultView = { id: this.nextId++, ...spec };
    if (spec.times !== undefined) view.remaining = spec.times;
    this.rules.push({ view, pathPattern: spec.match?.path === undefined ? undefined : new RegExp(spec.match.path) });
    return view;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultView[] {
    return this.rules.map((rule) => ({ ...rule.view }));
  }

  /** Decides latency and any substitute answer for one API request, charging `times`. */
  plan(method: string, pathname: string): FaultPlan {
    const charged = new Set<FaultRule>();
    const charge = (rule: FaultRule) => {
      if (charged.has(rule)) return;
      charged.add(rule);
      if (rule.view.remaining === undefined) return;
      rule.view.remaining -= 1;
      if (rule.view.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    };
    const matching = this.rules.filter((rule) => this.matches(rule, method, pathname));
    let latencyMs = 0;
    let lateAnswerMs = 0;
    let answer: FaultAnswer | undefined;
    for (const rule of matching) {
      let acted = false;
      if (rule.view.latencyMs) {
        latencyMs += rule.view.latencyMs;
        acted = true;
      }
      if (rule.view.lateAnswerMs) {
        lateAnswerMs += rule.view.lateAnswerMs;
        acted = true;
      }
      const candidate = answerFor(rule.view);
      if (candidate && !answer && this.random() < rule.view.errorRate) {
        answer = candidate;
        acted = true;
      }
      if (acted) charge(rule);
    }
    const partialRules = answer ? [] : matching.filter((rule) => rule.view.partialCreate);
    return new FaultPlan(latencyMs, lateAnswerMs, answer, partialRules, charge, this.random);
  }

  private matches(rule: FaultRule, method: string, pathname: string): boolean {
    const match = rule.view.match;
    if (match?.method && match.method !== method.toUpperCase()) return false;
    if (rule.pathPattern && !rule.pathPattern.test(pathname)) return false;
    return true;
  }
}
