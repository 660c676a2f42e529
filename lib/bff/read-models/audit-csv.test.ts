import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { LedgerEventDto } from "@/lib/ledger/queries";
import { auditCsvStream } from "./audit-csv";

const event = (extra: Partial<LedgerEventDto>): LedgerEventDto => ({
  seq: 1, id: "00000000-0000-4000-8000-000000000001", at: "2026-01-01T00:00:00.000Z", action: "token.mint", outcome: "ok",
  errorCode: null, requestId: "req-1", portfolioId: "p1", portfolioName: "Alpha01", tokenId: "t1", tokenName: "bot",
  secretHint: "AbCd", before: null, after: { scopeNames: ["etoro-public:trade.demo:read"], ipsWhitelist: [], expiresAt: null }, clientIp: "203.0.113.1",
  ...extra,
});

async function* from<T>(items: T[]) {
  yield* items;
}

async function csvOf(events: LedgerEventDto[]): Promise<string> {
  const bytes = new Uint8Array(await new Response(auditCsvStream(from(events))).arrayBuffer());
  // Keep the BOM (Response.text() would drop it): the test must see exactly what a spreadsheet gets.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

describe("audit CSV", () => {
  it("opens cleanly in a spreadsheet: BOM, CRLF, every field quoted, a header row", async () => {
    const text = await csvOf([event({}), event({ seq: 2, tokenName: 'say "hi", then\nleave' })]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split("\r\n")[0]).toBe('\uFEFF"Time (UTC)","Action","Outcome","Error code","Portfolio","Portfolio id","Token","Token id","Before → after","Client IP","Request id","Event id"');
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[1].Token).toBe('say "hi", then\nleave');
    expect(rows[0]["Before → after"]).toBe("Scopes: +Demo · read; IPs: — → any IP; Expiry: — → never");
    expect(rows[0]).not.toHaveProperty("Secret");
  });

  it("neutralises formulas: a cell starting with = + - @ TAB or CR stays text", async () => {
    const names = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "plain"];
    const text = await csvOf(names.map((tokenName, i) => event({ seq: i + 1, tokenName })));
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Token)).toEqual(names.map((n) => (n === "plain" ? n : `'${n}`)));
  });

  it("streams: an empty ledger is just the header", async () => {
    const text = await csvOf([]);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});
