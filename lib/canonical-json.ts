/**
 * One JSON text per value, whatever order its keys were written in: object keys
 * sorted (JS default sort, UTF-16 code units) at every depth, no whitespace, Dates as
 * ISO-8601 UTC strings, `undefined` object members dropped (as jsonb would), strings
 * and numbers as `JSON.stringify` writes them. The ledger's hashes are computed over
 * it (lib/ledger/hash.ts): changing its output breaks every chain already written.
 * Plain Node, no imports: `npm run ledger:verify` loads it under tsx.
 */
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
