import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

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

  it("gives equal bodies one text whatever their key order (the in-flight grants' key)", () => {
    const mint = { userTokenName: "bot", scopeNames: ["a", "b"], ipsWhitelist: [], acknowledgeRisk: true };
    const reordered = { acknowledgeRisk: true, ipsWhitelist: [], scopeNames: ["a", "b"], userTokenName: "bot" };
    expect(canonicalJson(["mint", "p-1", mint])).toBe(canonicalJson(["mint", "p-1", reordered]));
    // Arrays keep their order: the same scopes listed the other way round are another body.
    expect(canonicalJson({ scopeNames: ["a", "b"] })).not.toBe(canonicalJson({ scopeNames: ["b", "a"] }));
  });
});
