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
 * Canonical JSON (lib/canonical-json.ts): object keys sorted (JS default sort, UTF-16
 * code units) at every depth, no whitespace, Dates as ISO-8601 UTC strings
 * (`toISOString()`, millisecond precision), `undefined` object members dropped (as
 * jsonb would), strings and numbers as `JSON.stringify` writes them. The genesis
 * row's prev_hash is 64 zeros.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../canonical-json";

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

/** The hashed fields in canonical (sorted) order, each with the text before its value. */
const SORTED_FIELDS = [...HASHED_FIELDS].sort();
const MEMBER_PREFIX = SORTED_FIELDS.map((key, i) => `${i === 0 ? "" : ","}${JSON.stringify(key)}:`);

/**
 * The hash of one row, given its hashed fields (prev_hash included): exactly
 * canonicalJson of an object with every hashed field (absent ones null), written
 * member by member in its sorted order rather than by sorting the keys each time
 * (the gateway hashes an event per order).
 */
export function eventHash(fields: HashedFields): string {
  let json = "{";
  for (let i = 0; i < SORTED_FIELDS.length; i++) json += MEMBER_PREFIX[i] + canonicalJson(fields[SORTED_FIELDS[i]] ?? null);
  return createHash("sha256")
    .update(String(fields.prev_hash), "utf8")
    .update(`${json}}`, "utf8")
    .digest("hex");
}
