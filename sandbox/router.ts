/**
 * A tiny path router: templates in the spec's own form (`/api/v1/agent-portfolios/{agentPortfolioId}`),
 * literal segments preferred over parameters, and an honest 404 / 405 (+ Allow) answer.
 */
import type { FaultPlan } from "./faults";
import type { RawBody } from "./http";
import type { SandboxStore } from "./store";
import type { TradingDesk } from "./trading/accounts";
import type { Caller, TradingAccess } from "./trading/token-auth";

export interface RouteContext {
  /** The account the request acts for (already authenticated; a token's owning account). */
  userKey: string;
  /** Who is calling: the account's own key, or (on trading paths) one of its user tokens. */
  caller: Caller;
  query: URLSearchParams;
  /** The request's x-request-id (a UUID by now). */
  requestId: string;
  params: Readonly<Record<string, string>>;
  /** The parsed JSON body; throws 400 ValidationFailed when it is missing or not JSON. */
  json(): unknown;
  rawBody: RawBody;
  store: SandboxStore;
  faults: FaultPlan;
  desk: TradingDesk;
  now: Date;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

export interface RouteDefinition {
  method: string;
  template: string;
  handler: RouteHandler;
  /** Trading operations: the scope they need (tokens are checked against it). */
  trading?: TradingAccess;
  /** Errors answer as RFC 7807 ProblemDetails, where the spec documents that shape. */
  problemErrors?: boolean;
}

export type RouteMatch =
  | { kind: "found"; route: RouteDefinition; params: Record<string, string> }
  | { kind: "method-not-allowed"; template: string; allow: string[] }
  | { kind: "not-found" };

function segments(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.split("/").slice(1);
}

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const wanted = segments(template);
  const actual = segments(path);
  if (wanted.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < wanted.length; i += 1) {
    const part = wanted[i];
    if (part.startsWith("{") && part.endsWith("}")) {
      if (actual[i] === "") return undefined;
      params[part.slice(1, -1)] = actual[i];
    } else if (part !== actual[i]) return undefined;
  }
  return params;
}

/** How specific a template is: literal segments count, so `/user-tokens/scopes` beats `/{id}/user-tokens`. */
function literalCount(template: string): number {
  return segments(template).filter((part) => !part.startsWith("{")).length;
}

export class Router {
  private readonly templates: string[];

  constructor(private readonly routes: readonly RouteDefinition[]) {
    this.templates = [...new Set(routes.map((route) => route.template))].sort(
      (a, b) => literalCount(b) - literalCount(a),
    );
  }

  /** The template a concrete path belongs to, e.g. for stats; undefined when none. */
  templateFor(path: string): string | undefined {
    return this.templates.find((template) => matchTemplate(template, path) !== undefined);
  }

  match(method: string, path: string): RouteMatch {
    const template = this.templateFor(path);
    if (!template) return { kind: "not-found" };
    const params = matchTemplate(template, path) ?? {};
    const candidates = this.routes.filter((route) => route.template === template);
    const route = candidates.find((candidate) => candidate.method === method.toUpperCase());
    if (!route) return { kind: "method-not-allowed", template, allow: candidates.map((candidate) => candidate.method) };
    return { kind: "found", route, params };
  }
}
