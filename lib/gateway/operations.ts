/**
 * The operations an agent may call through the gateway, derived once at start-up
 * from eToro's published trading spec (lib/etoro/trading-openapi.json), and the
 * matcher that maps an incoming request target onto one of them.
 *
 * The matcher is deliberately narrower than a URL parser: a path that is not
 * spelled exactly as the spec spells it (double slashes, dot segments, any
 * percent-encoding, a trailing slash) matches nothing, so no encoding trick can
 * make the upstream see a path other than the one that was checked here. The
 * agent-portfolio management paths are not in that spec, so they never match.
 */
import tradingSpec from "../etoro/trading-openapi.json";

export type GatewayMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The canonical order fields a usage record keeps, each mapped to the spec's own property name for that operation. */
export type OrderFieldName = "instrument" | "side" | "amount" | "units" | "leverage";

export type GatewayOperation = {
  operationId: string;
  method: GatewayMethod;
  /** The spec's path template, e.g. /api/v2/trading/execution/demo/orders/{orderId}. */
  template: string;
  /** Places or cancels orders or closes positions (trading execution), as opposed to reading. */
  write: boolean;
  /** The account it acts on; null for market data and the caller's profile. */
  account: "demo" | "real" | null;
  /** The spec declares a JSON request body. */
  hasBody: boolean;
  /** Order fields to record from the request body (canonical name -> the spec's property); null when not an order. */
  orderFields: Partial<Record<OrderFieldName, string>> | null;
  /** Where the answer carries the resulting order or position id ([property] or [object, property]); empty when it does not. */
  resultIds: ReadonlyArray<readonly string[]>;
  /** Names of the path parameters, in order. */
  params: readonly string[];
};

export type MatchedOperation = {
  operation: GatewayOperation;
  /** Path parameter values by name (already checked to be one safe segment each). */
  params: Record<string, string>;
  /** The path exactly as received (and checked), to forward. */
  path: string;
  /** The raw query string without "?", forwarded as received; "" when none. */
  query: string;
};

export type OperationTable = {
  operations: readonly GatewayOperation[];
  match(method: string, target: string): MatchedOperation | null;
};

const METHODS: readonly GatewayMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Spec property names for each canonical order field, in order of preference. */
const ORDER_FIELD_ALIASES: Record<OrderFieldName, readonly string[]> = {
  instrument: ["instrumentId", "InstrumentID", "InstrumentId"],
  side: ["transaction", "IsBuy", "isBuy"],
  amount: ["amount", "Amount"],
  units: ["units", "AmountInUnits", "UnitsToDeduct"],
  leverage: ["leverage", "Leverage"],
};
const RESULT_ID = /^(orderid|positionid)$/i;

/** One static path segment as eToro spells them (letters, digits, -, _, and the colon of orders:lookup). */
const STATIC_SEGMENT = /^[A-Za-z0-9_:-]+$/;
/** A path parameter: one segment of ids (numbers, uuids); nothing that could be a dot segment or an encoding. */
const PARAM_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;
/** Query characters RFC 3986 allows, with "%" only as a well-formed escape. */
const QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
/** Longest request target the gateway forwards; eToro's own paths and filters are far shorter. */
export const MAX_TARGET_LENGTH = 4096;

type SpecSchema = { $ref?: string; properties?: Record<string, SpecSchema>; type?: string };
type SpecOperation = {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: SpecSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: SpecSchema }> }>;
};
type Spec = { paths: Record<string, Record<string, SpecOperation>>; components?: { schemas?: Record<string, SpecSchema> } };

function resolve(spec: Spec, schema: SpecSchema | undefined): SpecSchema | undefined {
  if (!schema?.$ref) return schema;
  return spec.components?.schemas?.[schema.$ref.split("/").pop() ?? ""];
}

function orderFieldsOf(body: SpecSchema | undefined): GatewayOperation["orderFields"] {
  const props = Object.keys(body?.properties ?? {});
  const fields: Partial<Record<OrderFieldName, string>> = {};
  for (const [field, aliases] of Object.entries(ORDER_FIELD_ALIASES) as [OrderFieldName, readonly string[]][]) {
    const name = aliases.find((a) => props.includes(a));
    if (name) fields[field] = name;
  }
  return fields;
}

function resultIdsOf(spec: Spec, answer: SpecSchema | undefined): string[][] {
  const ids: string[][] = [];
  for (const [name, prop] of Object.entries(answer?.properties ?? {})) {
    if (RESULT_ID.test(name)) ids.push([name]);
    for (const inner of Object.keys(resolve(spec, prop)?.properties ?? {})) {
      if (RESULT_ID.test(inner)) ids.push([name, inner]);
    }
  }
  return ids;
}

/** Builds the operation list from a trading spec (eToro's, vendored, by default). */
export function operationsFromSpec(spec: Spec = tradingSpec as unknown as Spec): GatewayOperation[] {
  const operations: GatewayOperation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [lower, op] of Object.entries(item)) {
      const method = lower.toUpperCase() as GatewayMethod;
      if (!METHODS.includes(method) || !op.operationId) continue;
      const segments = template.split("/").slice(1);
      const body = resolve(spec, op.requestBody?.content?.["application/json"]?.schema);
      const answer = resolve(spec, op.responses?.["200"]?.content?.["application/json"]?.schema);
      const write = method !== "GET" && segments.includes("execution");
      operations.push({
        operationId: op.operationId,
        method,
        template,
        write,
        account: segments.includes("trading") ? (segments.includes("demo") ? "demo" : "real") : null,
        hasBody: Boolean(op.requestBody),
        orderFields: write ? orderFieldsOf(body) : null,
        resultIds: write ? resultIdsOf(spec, answer) : [],
        params: segments.filter((s) => s.startsWith("{")).map((s) => s.slice(1, -1)),
      });
    }
  }
  return operations;
}

type Compiled = { operation: GatewayOperation; segments: readonly string[] };

/** Whether a query string parses: allowed characters, well-formed escapes, escapes that decode to UTF-8. */
function queryParses(query: string): boolean {
  if (!QUERY.test(query)) return false;
  if (!query.includes("%")) return true;
  try {
    decodeURIComponent(query);
    return true;
  } catch {
    return false;
  }
}

/** The table and its matcher: static paths by exact lookup, templated ones compared segment by segment. */
export function createOperationTable(operations: readonly GatewayOperation[] = operationsFromSpec()): OperationTable {
  const exact = new Map<string, GatewayOperation>();
  const templated = new Map<string, Compiled[]>();
  for (const operation of operations) {
    if (operation.params.length === 0) {
      exact.set(`${operation.method} ${operation.template}`, operation);
    } else {
      const list = templated.get(operation.method) ?? [];
      list.push({ operation, segments: operation.template.split("/").slice(1) });
      templated.set(operation.method, list);
    }
  }

  function match(method: string, target: string): MatchedOperation | null {
    if (target.length > MAX_TARGET_LENGTH || target.charCodeAt(0) !== 47 /* "/" */) return null;
    const q = target.indexOf("?");
    const path = q === -1 ? target : target.slice(0, q);
    const query = q === -1 ? "" : target.slice(q + 1);
    if (query && !queryParses(query)) return null;

    const hit = exact.get(`${method} ${path}`);
    if (hit) return { operation: hit, params: {}, path, query };

    const candidates = templated.get(method);
    if (!candidates) return null;
    const segments = path.split("/").slice(1);
    for (const { operation, segments: want } of candidates) {
      if (want.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < want.length && ok; i++) {
        const w = want[i];
        const s = segments[i];
        if (w.charCodeAt(0) === 123 /* "{" */) {
          ok = PARAM_SEGMENT.test(s);
          if (ok) params[w.slice(1, -1)] = s;
        } else {
          ok = s === w && STATIC_SEGMENT.test(s);
        }
      }
      if (ok) return { operation, params, path, query };
    }
    return null;
  }

  return { operations, match };
}
