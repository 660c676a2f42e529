import "server-only";
/**
 * The audit CSV: csv-stringify with what a spreadsheet needs to open it cleanly (UTF-8
 * BOM, CRLF line ends, every field quoted) and formulas neutralised (a cell starting
 * with = + - @ TAB or CR gets a leading ', so a token name like `=HYPERLINK(…)` stays text).
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { changeLines, changeText } from "@/lib/domain/audit-change";
import type { LedgerEventDto } from "@/lib/ledger/queries";

export const AUDIT_CSV_COLUMNS = [
  { key: "at", header: "Time (UTC)" },
  { key: "action", header: "Action" },
  { key: "outcome", header: "Outcome" },
  { key: "errorCode", header: "Error code" },
  { key: "portfolioName", header: "Portfolio" },
  { key: "portfolioId", header: "Portfolio id" },
  { key: "tokenName", header: "Token" },
  { key: "tokenId", header: "Token id" },
  { key: "change", header: "Before → after" },
  { key: "clientIp", header: "Client IP" },
  { key: "requestId", header: "Request id" },
  { key: "id", header: "Event id" },
] as const;

type CsvRecord = Record<(typeof AUDIT_CSV_COLUMNS)[number]["key"], string>;

function toRecord(e: LedgerEventDto): CsvRecord {
  return {
    at: e.at,
    action: e.action,
    outcome: e.outcome,
    errorCode: e.errorCode ?? "",
    portfolioName: e.portfolioName ?? "",
    portfolioId: e.portfolioId ?? "",
    tokenName: e.tokenName ?? "",
    tokenId: e.tokenId ?? "",
    change: changeText(changeLines(e.before, e.after)),
    clientIp: e.clientIp ?? "",
    requestId: e.requestId ?? "",
    id: e.id,
  };
}

/** Streams the events as CSV: one batch of rows in memory at a time, with backpressure. */
export function auditCsvStream(events: AsyncIterable<LedgerEventDto>): ReadableStream<Uint8Array> {
  const csv = stringify({
    bom: true,
    header: true,
    columns: AUDIT_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    quoted: true,
    quoted_empty: true,
    record_delimiter: "windows",
    escape_formulas: true,
  });
  const records = Readable.from(mapAsync(events, toRecord));
  // A failed read mid-way must end the download as failed, not as a silently short file.
  records.on("error", (error) => {
    console.error(`[audit] export failed: ${error.name}`);
    csv.destroy(error);
  });
  records.pipe(csv);
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncGenerator<U> {
  for await (const value of source) yield map(value);
}
