/**
 * The ledger's hash chain.
 *
 *   hash = hex(sha256(utf8(prev_hash ‖ canonicalJson(hashed fields))))
 *
 * Hashed fields — an object with exactly these keys, named as the database columns so
 * anyone can recompute a hash from a plain `SELECT *`:
 *
 *   id, at, account, action, outcome, error_code, request_id, portfolio_id,
 *   portfolio_name, token_id, token_name, secret_hint, before, after, client_ip,
 *   prev_hash
 *
 * i.e. every column except `seq` (assigned by the database at insert; order is
 * already bound by the prev_hash links) and `hash` itself. Absent values are `null`,
 * never omitted. `prev_hash` is both the prefix and inside the JSON — redundant but
 * harmless, and it keeps the rule "every column but seq and hash".
 *
 * Canonical JSON: object keys sorted (JS default sort, UTF-16 code units) at every
 * depth, no whitespace, Dates as ISO-8601 UTC strings (`toISOString()`, millisecond
 * precision), `undefined` object members dropped (as jsonb would), strings and numbers
 * as `JSON.stringify` writes them. The genesis row's prev_hash is 64 zeros.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export const HASHED_FIELDS = [
  "id",
  "at",
  "account",
  "action",
  "outcome",
  "error_code",
  "request_id",
  "portfolio_id",
  "portfolio_name",
  "token_id",
  "token_name",
  "secret_hint",
  "before",
  "after",
  "client_ip",
  "prev_hash",
] as const;

export type HashedFields = Record<(typeof HASHED_FIELDS)[number], unknown>;

export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    // Like JSON.stringify: undefined inside arrays becomes null.
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      // NaN/Infinity have no JSON form; jsonb would refuse them, so do we.
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
      return JSON.stringify(value);
    case "object": {
      const obj = value as Record<string, unknown>;
      const members = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
      return `{${members.join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

/** The hash of one row, given its hashed fields (prev_hash included). */
export function eventHash(fields: HashedFields): string {
  const picked: Record<string, unknown> = {};
  for (const key of HASHED_FIELDS) picked[key] = fields[key] ?? null;
  return createHash("sha256")
    .update(String(fields.prev_hash), "utf8")
    .update(canonicalJson(picked), "utf8")
    .digest("hex");
}
