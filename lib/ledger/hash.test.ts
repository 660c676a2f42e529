import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical-json";
import { GENESIS_HASH, HASHED_FIELDS, eventHash, type HashedFields } from "./hash";

const fields: HashedFields = {
  id: "3f1c1f0e-6a43-4c4e-9d59-0b4a0b0c1d2e",
  at: new Date("2025-03-01T12:34:56.789Z"),
  account: "a1b2c3d4e5f60718",
  action: "token.update",
  outcome: "ok",
  error_code: null,
  request_id: "req-1",
  portfolio_id: "p1",
  portfolio_name: "Alpha01",
  token_id: "t1",
  token_name: "agent",
  secret_hint: null,
  before: { scopeNames: ["b", "a"], expiresAt: null },
  after: { scopeNames: ["a"], expiresAt: "2026-01-01T00:00:00.000Z" },
  client_ip: "203.0.113.7",
  prev_hash: GENESIS_HASH,
};

describe("eventHash", () => {
  it("is sha256(prev_hash ‖ canonical JSON of exactly the documented fields)", () => {
    const json = canonicalJson(Object.fromEntries(HASHED_FIELDS.map((k) => [k, fields[k]])));
    const expected = createHash("sha256").update(GENESIS_HASH + json).digest("hex");
    expect(eventHash(fields)).toBe(expected);
    expect(eventHash(fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe("0".repeat(64));
  });

  it("changes when any hashed field changes", () => {
    const base = eventHash(fields);
    for (const key of HASHED_FIELDS) {
      const changed = { ...fields, [key]: key === "at" ? new Date(0) : "changed" };
      expect(eventHash(changed), key).not.toBe(base);
    }
  });

  it("ignores anything that is not a hashed field (seq, hash) and treats absent as null", () => {
    const extra = { ...fields, seq: 99, hash: "x" } as HashedFields;
    expect(eventHash(extra)).toBe(eventHash(fields));
    expect(eventHash({ ...fields, error_code: undefined })).toBe(eventHash(fields));
  });
});

describe("hashes of events already written", () => {
  // Two chained events whose hashes were computed before canonicalJson moved to
  // lib/canonical-json.ts: a chain written then must still verify now.
  const first: HashedFields = {
    id: "0f8fad5b-d9cb-469f-a165-70867728950e",
    at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)),
    account: "a11ce0000000a11c",
    action: "token.update",
    outcome: "ok",
    error_code: null,
    request_id: "req-1",
    portfolio_id: "p-1",
    portfolio_name: "Crème brûlée ✓",
    token_id: "t-1",
    token_name: "live-trader",
    secret_hint: "AbCd",
    before: { scopeNames: ["etoro-public:trade.demo:read"], ipsWhitelist: [], expiresAt: null },
    after: {
      scopeNames: ["etoro-public:trade.demo:read", "etoro-public:trade.real:write"],
      ipsWhitelist: ["203.0.113.5"],
      expiresAt: "2026-01-01T00:00:00.000Z",
      note: { z: 1, a: [true, 2.5] },
    },
    client_ip: "203.0.113.5",
    prev_hash: GENESIS_HASH,
  };

  it("are unchanged", () => {
    const firstHash = eventHash(first);
    expect(firstHash).toBe("23c80137599ed1fa52bef1e6abb96d06802b7d7c86da123968a36f58c8e73e9a");
    const second = { ...first, id: "1f8fad5b-d9cb-469f-a165-70867728950e", action: "token.revoke", before: first.after, after: null, prev_hash: firstHash };
    expect(eventHash(second)).toBe("8a6e0e43cb37f257f571861919f35589c7635803adca2c5ba147dd518bbf5aa6");
  });
});
