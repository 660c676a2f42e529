/**
 * COPY on PGlite (its own thread, as the servers run it): whatever a row holds
 * comes back as it was (any string but U+0000, which is dropped; any double,
 * NaN and the infinities included; booleans; nulls), inside the caller's
 * transaction (a rollback takes the rows back). On PostgreSQL `copyRows` answers
 * false and writes nothing, so the caller inserts instead.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { sqlRows } from "@/lib/jobs/sql-rows";
import { copyRows, copyText, copyValue } from "./copy-rows";
import type { LedgerDb } from "./open";
import { describeEachBackend } from "./test-backends";

const COLUMNS = ["n", "label", "amount", "flag"] as const;
type Row = [number, string | null, number | null, boolean | null];

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\t", "\n", "\r", "\r\n", "\\", "\\N", "\\.", "\\t", "\\\\", "a\\", "\\x41", "\\101", "N", "NULL", "", " ", "ü'\"", "\u2028"),
);
const anyDouble = fc.oneof(fc.double(), fc.constantFrom(0, -0, 5e-324, Number.MAX_VALUE, Number.NaN, Infinity, -Infinity));

/** How the database gives a double back: PostgreSQL's text for NaN and the infinities, numbers otherwise, -0 as 0. */
function asStored(value: number | null): number | null {
  if (value === null) return null;
  return Object.is(value, -0) ? 0 : value;
}

async function readBack(db: LedgerDb): Promise<Row[]> {
  const rows = await sqlRows<{ n: number; label: string | null; amount: number | string | null; flag: boolean | null }>(
    db,
    sql`select n, label, amount, flag from copy_rows_probe order by n`,
  );
  return rows.map((r) => [Number(r.n), r.label, r.amount === null ? null : Number(r.amount), r.flag]);
}

it("writes values as COPY's text format spells them", () => {
  expect(copyValue(null)).toBe("\\N");
  expect(copyValue(true)).toBe("t");
  expect(copyValue(false)).toBe("f");
  expect(copyValue(-1.5)).toBe("-1.5");
  expect(copyValue("a\tb\nc\rd\\e\u0000f")).toBe("a\\tb\\nc\\rd\\\\ef");
  expect(copyText([[1, "x", null], [2, "\\N", true]])).toBe("1\tx\t\\N\n2\t\\\\N\tt\n");
});

describeEachBackend("copyRows", (get) => {
  beforeAll(async () => {
    await get().db.execute(sql`create table if not exists copy_rows_probe (n int primary key, label text, amount float8, flag boolean)`);
  });

  it("on PGlite, every row comes back as written, whatever it holds; on PostgreSQL it writes nothing and says so", async () => {
    const { db, backend } = get();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.option(anyText), fc.option(anyDouble), fc.option(fc.boolean())), { maxLength: 30 }), async (values) => {
        await db.execute(sql`truncate copy_rows_probe`);
        const rows: Row[] = values.map(([label, amount, flag], n) => [n, label, amount, flag]);
        const copied = await copyRows(db, "copy_rows_probe", COLUMNS, rows);
        expect(copied).toBe(backend === "pglite");
        const back = await readBack(db);
        if (!copied) return void expect(back).toEqual([]);
        expect(back).toEqual(rows.map(([n, label, amount, flag]) => [n, label === null ? null : label.replaceAll("\u0000", ""), asStored(amount), flag]));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("copies a batch larger than one slice whole and in order", async () => {
    const { db, backend } = get();
    await db.execute(sql`truncate copy_rows_probe`);
    const rows: Row[] = Array.from({ length: 250 }, (_, n) => [n, `row\t${n}\n`, n / 3, n % 2 === 0]);
    expect(await copyRows(db, "copy_rows_probe", COLUMNS, rows)).toBe(backend === "pglite");
    if (backend === "pglite") expect(await readBack(db)).toEqual(rows);
  });

  it("copies inside the caller's transaction: a rollback takes the rows back", async () => {
    const { db, backend } = get();
    await db.execute(sql`truncate copy_rows_probe`);
    await expect(
      db.transaction(async (tx) => {
        await copyRows(tx as unknown as LedgerDb, "copy_rows_probe", COLUMNS, [[1, "kept?", 1, true]]);
        if (backend === "pglite") expect(await readBack(tx as unknown as LedgerDb)).toEqual([[1, "kept?", 1, true]]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await readBack(db)).toEqual([]);
  });
});
