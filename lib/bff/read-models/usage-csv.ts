import "server-only";
/**
 * The usage export: the account's gateway calls, filtered, newest first, read a
 * keyset page at a time along the `(account, at)` / `(user_token_id, at)` indexes
 * and streamed as CSV the way the audit export is (BOM, CRLF, quoted, formulas
 * neutralised).
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { sql, type SQL } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { sqlRows } from "@/lib/jobs/sql-rows";
import type { UsageExportFilter } from "@/lib/schemas/usage-export";

export const USAGE_CSV_COLUMNS = [
  { key: "at", header: "Time (UTC)" },
  { key: "token", header: "Token id" },
  { key: "portfolio", header: "Portfolio id" },
  { key: "operation", header: "Operation" },
  { key: "environment", header: "Environment" },
  { key: "write", header: "Write" },
  { key: "status", header: "Status" },
  { key: "refusal", header: "Refused because" },
  { key: "latencyMs", header: "Latency (ms)" },
  { key: "clientAddress", header: "Client address" },
  { key: "via", header: "Via" },
  { key: "instrument", header: "Instrument" },
  { key: "side", header: "Side" },
  { key: "amount", header: "Amount" },
  { key: "units", header: "Units" },
  { key: "leverage", header: "Leverage" },
  { key: "orderId", header: "Order id" },
  { key: "positionId", header: "Position id" },
  { key: "requestId", header: "Request id" },
] as const;

type CsvRecord = Record<(typeof USAGE_CSV_COLUMNS)[number]["key"], string>;

type Row = {
  id: number; at: Date | string; user_token_id: string; agent_portfolio_id: string; operation_id: string; environment: string;
  write: boolean; status: number; refusal: string | null; latency_ms: number; client_address: string; via: string;
  instrument: string | null; side: string | null; amount: number | null; units: number | null; leverage: number | null;
  order_id: string | null; position_id: string | null; request_id: string;
};

const text = (v: string | number | null) => (v === null ? "" : String(v));

function toRecord(r: Row): CsvRecord {
  return {
    at: new Date(r.at).toISOString(),
    token: r.user_token_id,
    portfolio: r.agent_portfolio_id,
    operation: r.operation_id,
    environment: r.environment,
    write: r.write ? "yes" : "no",
    status: String(r.status),
    refusal: text(r.refusal),
    latencyMs: String(Math.round(Number(r.latency_ms))),
    clientAddress: r.client_address,
    via: r.via,
    instrument: text(r.instrument),
    side: text(r.side),
    amount: text(r.amount),
    units: text(r.units),
    leverage: text(r.leverage),
    orderId: text(r.order_id),
    positionId: text(r.position_id),
    requestId: r.request_id,
  };
}

export const USAGE_EXPORT_BATCH = 1_000;

function conditions(account: string, f: UsageExportFilter): SQL {
  const parts: SQL[] = [sql`account = ${account}`];
  if (f.tokenId) parts.push(sql`user_token_id = ${f.tokenId}`);
  if (f.portfolioId) parts.push(sql`agent_portfolio_id = ${f.portfolioId}`);
  if (f.from) parts.push(sql`at >= ${new Date(f.from)}`);
  if (f.to) parts.push(sql`at <= ${new Date(f.to)}`);
  return sql.join(parts, sql` and `);
}

/** One page of the matching records, newest first, after `cursor` (the last row of the page before). */
export function usagePage(db: LedgerDb, account: string, f: UsageExportFilter, cursor: { at: Date; id: number } | null, limit: number) {
  const after = cursor ? sql` and (at, id) < (${cursor.at}, ${cursor.id})` : sql``;
  return sqlRows<Row>(
    db,
    sql`select id, at, user_token_id::text, agent_portfolio_id::text, operation_id, environment, write, status, refusal, latency_ms,
          client_address, via, instrument, side, amount, units, leverage, order_id, position_id, request_id
        from usage_records where ${conditions(account, f)}${after} order by at desc, id desc limit ${limit}`,
  );
}

async function* eachRecord(db: LedgerDb, account: string, f: UsageExportFilter): AsyncGenerator<CsvRecord> {
  let cursor: { at: Date; id: number } | null = null;
  for (;;) {
    const rows = await usagePage(db, account, f, cursor, USAGE_EXPORT_BATCH);
    for (const r of rows) yield toRecord(r);
    if (rows.length < USAGE_EXPORT_BATCH) return;
    const last = rows.at(-1)!;
    cursor = { at: new Date(last.at), id: Number(last.id) };
  }
}

/** Streams the matching records as CSV, one batch in memory at a time. */
export function usageCsvStream(db: LedgerDb, account: string, f: UsageExportFilter): ReadableStream<Uint8Array> {
  const csv = stringify({
    bom: true,
    header: true,
    columns: USAGE_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    quoted: true,
    quoted_empty: true,
    record_delimiter: "windows",
    escape_formulas: true,
  });
  const records = Readable.from(eachRecord(db, account, f));
  // A failed read mid-way must end the download as failed, not as a silently short file.
  records.on("error", (error) => {
    console.error(`[usage] export failed: ${error.name}`);
    csv.destroy(error);
  });
  records.pipe(csv);
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
