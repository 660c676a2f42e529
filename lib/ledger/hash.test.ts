import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, HASHED_FIELDS, canonicalJson, eventHash, type HashedFields } from "./hash";

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

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it("writes Dates as ISO strings and drops undefined members like jsonb", () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)), gone: undefined })).toBe(
      '{"at":"2025-01-02T03:04:05.006Z"}',
    );
    expect(canonicalJson([undefined, 1])).toBe("[null,1]");
  });

  it("is independent of key insertion order", () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

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
