/**
 * What the gateway records about one request of a known token: which token and
 * portfolio, which operation, how it ended and, for orders, what was ordered and
 * what eToro made of it. Never the token's secret, the API key or a header.
 */
import type { GatewayOperation, OrderFieldName } from "./operations";

export type OrderUsage = {
  instrument: number | string | null;
  /** buy / sell (and eToro's sellShort, buyToCover), from `transaction` or `IsBuy`. */
  side: string | null;
  amount: number | null;
  units: number | null;
  leverage: number | null;
  /** The order or position the request names in its path (a cancel or a close). */
  target: Record<string, string> | null;
  /** From eToro's answer, when it gave them. */
  orderId: string | null;
  positionId: string | null;
};

export type UsageRecord = {
  at: string;
  userTokenId: string;
  agentPortfolioId: string;
  operationId: string;
  account: GatewayOperation["account"];
  write: boolean;
  status: number;
  latencyMs: number;
  requestId: string;
  clientAddress: string;
  /** The door it came through: eToro's REST paths, or a tool call of the MCP server. */
  via: "rest" | "mcp";
  /** Why the gateway refused it, or null when it went upstream. */
  refusal: string | null;
  order: OrderUsage | null;
  /** A boundary's refusal in figures (which limit, the order's value, what is left), for the ledger. */
  boundary?: Record<string, string | number | null>;
  /** The person's approval an order went through with. */
  approvalId?: string;
};

/**
 * A string an agent or the upstream chose, fit to store: capped, and without
 * U+0000, which PostgreSQL text and jsonb refuse (one such row would fail its
 * whole usage batch, and the ledger event with it, on every retry).
 */
function storable(value: string, max: number): string {
  const capped = value.slice(0, max);
  return capped.includes("\u0000") ? capped.replaceAll("\u0000", "") : capped;
}

function scalar(value: unknown): number | string | null {
  if (typeof value === "string") return storable(value, 64);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function sideOf(name: string | undefined, value: unknown): string | null {
  if (name === undefined) return null;
  if (typeof value === "boolean") return value ? "buy" : "sell";
  return typeof value === "string" ? storable(value, 32) : null;
}

function idAt(answer: unknown, path: readonly string[]): string | null {
  let at: unknown = answer;
  for (const key of path) {
    if (typeof at !== "object" || at === null) return null;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === "number" ? String(at) : typeof at === "string" ? storable(at, 64) : null;
}

/** The order fields of one request: from its (already parsed) body, its path and eToro's answer (raw bytes, parsed here). */
export function orderUsage(
  operation: GatewayOperation,
  body: unknown,
  params: Record<string, string>,
  answer: Buffer | null,
): OrderUsage | null {
  const fields = operation.orderFields;
  if (!fields) return null;
  const order = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const value = (field: OrderFieldName) => (fields[field] === undefined ? undefined : order[fields[field]!]);

  let parsed: unknown = null;
  if (answer && answer.length > 0 && operation.resultIds.length > 0) {
    try {
      parsed = JSON.parse(answer.toString("utf8"));
    } catch {
      // An answer that is not JSON (or was cut at the cap) names no order; the record keeps the rest.
    }
  }
  let orderId: string | null = null;
  let positionId: string | null = null;
  for (const path of operation.resultIds) {
    const id = idAt(parsed, path);
    if (id === null) continue;
    if (/^orderid$/i.test(path[path.length - 1])) orderId ??= id;
    else positionId ??= id;
  }

  return {
    instrument: scalar(value("instrument")),
    side: sideOf(fields.side, value("side")),
    amount: numberOrNull(value("amount")),
    units: numberOrNull(value("units")),
    leverage: numberOrNull(value("leverage")),
    target: operation.params.length > 0 ? params : null,
    orderId,
    positionId,
  };
}
