/**
 * Many rows into one table by COPY on PGlite: `COPY … FROM '/dev/blob'` with the
 * rows as one text blob. PGlite turns every bound parameter into text in
 * JavaScript and Postgres parses it back in WebAssembly: 500 usage rows as one
 * array per column cost about 45 µs of CPU per row, by COPY about 27 (interleaved
 * in one process; BENCHMARKS.md, "Usage by COPY"). node-postgres has no COPY
 * without another package, and a native server does not need it: there
 * `copyRows` answers false and the caller inserts as usual.
 *
 * Values are written in COPY's text format: null as \N, booleans as t/f, numbers
 * as JavaScript spells them (NaN and ±Infinity included, which float columns
 * take), strings with backslash, tab, newline and carriage return escaped, so
 * whatever a string holds comes back as it was. U+0000 is dropped: Postgres text
 * cannot hold it, and one such value would fail the whole batch on every retry.
 */
import type { LedgerDb } from "./open";

export type CopyValue = string | number | boolean | null;

/** What PGlite's client (in this thread, or lib/db/pglite-thread.ts's) offers for COPY: a query that takes a blob. */
type BlobQueryClient = { query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>; exec(sql: string): Promise<unknown> };

const ROWS_PER_TURN = 100;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u0000": "" };
const NEEDS_ESCAPE = /[\\\t\n\r\u0000]/;
const ESCAPED = /[\\\t\n\r\u0000]/g;

/** One value as COPY's text format writes it. */
export function copyValue(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c]) : value;
}

/** Rows as COPY's text format: one line each, values tab-separated in column order. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let text = "";
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < row.length; i++) line += (i === 0 ? "" : "\t") + copyValue(row[i]);
    text += `${line}\n`;
  }
  return text;
}

/**
 * The PGlite client under a Drizzle database or transaction, or null on
 * PostgreSQL. Drizzle keeps the driver's client (inside a transaction, the
 * transaction's own) on its session; PGlite's has `exec`, node-postgres's not.
 * Should a Drizzle release keep it elsewhere, this finds none and the caller
 * inserts: slower, never wrong (copy-rows.test.ts fails, to say so).
 */
function blobClientOf(db: LedgerDb): BlobQueryClient | null {
  const client = (db as unknown as { session?: { client?: Partial<BlobQueryClient> } }).session?.client;
  return client && typeof client.query === "function" && typeof client.exec === "function" ? (client as BlobQueryClient) : null;
}

/**
 * Writes `rows` (values in `columns`' order) into `table` by COPY when the
 * database is PGlite, in `db`'s transaction when it is one; false, having
 * written nothing, when it is not. Names are the caller's constants, never input.
 */
export async function copyRows(db: LedgerDb, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<boolean> {
  const client = blobClientOf(db);
  if (!client) return false;
  if (rows.length === 0) return true;
  // Spelt a slice at a time, a turn of the event loop between: a batch of 500 is most of a millisecond of this thread.
  const parts: string[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_TURN) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    parts.push(copyText(rows.slice(start, start + ROWS_PER_TURN)));
  }
  await client.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], { blob: new Blob(parts) });
  return true;
}
