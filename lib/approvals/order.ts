/**
 * Reads the order the gateway stored with an approval (approvals.order, jsonb)
 * into plain fields for the person. Tolerant: a field missing, of another type
 * or out of range reads as unknown (null) rather than failing the whole list, and
 * the gateway's names (`amountUsd`, and the usage record's `instrument` and
 * `amount`, in USD) are understood too. Pure: the audit page reads a ledger
 * row's order with it.
 */
import type { ApprovalOrder } from "./types";

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const cents = (v: unknown): number | null => {
  const n = num(v);
  return n === null || n < 0 ? null : Math.round(n);
};
const text = (v: unknown, max: number): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : null);

/** demo / real from the stored field, else from the operation's name (eToro's demo operations end in "Demo"). */
function environmentOf(raw: Record<string, unknown>, operationId: string): ApprovalOrder["environment"] {
  const stated = raw.environment ?? raw.account;
  if (stated === "demo" || stated === "real") return stated;
  if (/demo/i.test(operationId)) return "demo";
  return /^(open|close|create|cancel)/i.test(operationId) ? "real" : null;
}

function sideOf(v: unknown): string | null {
  if (typeof v === "boolean") return v ? "buy" : "sell";
  return text(v, 32)?.toLowerCase() ?? null;
}

export function readApprovalOrder(stored: unknown, operationId: string): ApprovalOrder {
  const raw = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const instrument = raw.instrumentId ?? raw.instrument;
  const instrumentId = num(instrument);
  const amountUsd = num(raw.amountUsd ?? raw.amount);
  return {
    environment: environmentOf(raw, operationId),
    instrumentId: instrumentId !== null && Number.isInteger(instrumentId) ? instrumentId : null,
    symbol: text(raw.symbol, 32) ?? (typeof instrument === "string" ? text(instrument, 32) : null),
    instrumentName: text(raw.instrumentName, 120),
    side: sideOf(raw.side ?? raw.isBuy),
    amountUsdCents: cents(raw.amountUsdCents) ?? (amountUsd === null ? null : cents(amountUsd * 100)),
    units: num(raw.units),
    rate: num(raw.rate),
    leverage: num(raw.leverage),
    valueUsdCents: cents(raw.valueUsdCents),
  };
}
