import { describe, expect, it } from "vitest";
import { changeLines, changeText } from "./audit-change";

const DR = "etoro-public:trade.demo:read";
const RW = "etoro-public:trade.real:write";
const RR = "etoro-public:trade.real:read";

describe("changeLines", () => {
  it("a narrowing update lists removed scopes and changed IPs/expiry only", () => {
    const before = { scopeNames: [RW, RR], ipsWhitelist: [], expiresAt: null };
    const after = { scopeNames: [RR], ipsWhitelist: ["10.0.0.1"], expiresAt: null };
    expect(changeLines(before, after)).toEqual([
      { field: "scopes", added: [], removed: [RW], kept: [RR] },
      { field: "ips", from: [], to: ["10.0.0.1"] },
    ]);
    expect(changeText(changeLines(before, after))).toBe("Scopes: −Real money · trade; IPs: any IP → 10.0.0.1");
  });

  it("an expiry change alone", () => {
    const lines = changeLines({ scopeNames: [DR], expiresAt: "2026-01-01T00:00:00.000Z" }, { scopeNames: [DR], expiresAt: "2026-02-01T00:00:00.000Z" });
    expect(changeText(lines)).toBe("Expiry: 2026-01-01T00:00:00.000Z → 2026-02-01T00:00:00.000Z");
  });

  it("a revoke shows what the token held", () => {
    expect(changeText(changeLines({ scopeNames: [DR], ipsWhitelist: ["1.2.3.4"], expiresAt: null }, null))).toBe(
      "Scopes: Demo · read; IPs: 1.2.3.4 → —; Expiry: never → —",
    );
  });

  it("nothing recorded, nothing said", () => {
    expect(changeLines(null, null)).toEqual([]);
    expect(changeLines(null, { investmentAmountInUsd: 500 } as never)).toEqual([]);
  });
});
