/**
 * PGlite on its own thread behaves as PGlite in the caller's thread does, for
 * everything Drizzle asks of it: migrations, values of every column type the
 * ledger uses, transactions that hold the database (a statement from elsewhere
 * waits for them), rollback, savepoints, an aborted transaction's failed commit,
 * COPY from a blob, and errors that keep Postgres's code. Each case runs on both, side by side.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { appendEvents } from "@/lib/ledger/append";
import { verifyLedger } from "@/lib/ledger/verify";
import { gatewayTokens, ledgerEvents } from "./schema";
import { copyRows } from "./copy-rows";
import { openLedger, type LedgerDb, type OpenLedger } from "./open";
import { openPgliteThread, type PgliteThread } from "./pglite-thread";

function codeOf(error: unknown): unknown {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code !== undefined) return e.code;
  return undefined;
}

function event(i: number) {
  return { account: "acct-thread", action: "token.mint" as const, outcome: "ok" as const, tokenId: `t${i}`, tokenName: `agent ${i}`, after: { n: i, s: "ü'\"\\" } };
}

describe.each([
  { thread: false, name: "in the caller's thread" },
  { thread: true, name: "on its own thread" },
])("PGlite $name", ({ thread }) => {
  let ledger: OpenLedger;
  beforeAll(async () => {
    ledger = await openLedger({ memory: true, thread });
  }, 120_000);
  afterAll(async () => {
    await ledger?.close();
  });
  beforeEach(async () => {
    await ledger.db.execute(sql`truncate ledger_events, gateway_tokens restart identity`);
  });

  it("appends a chain that verifies (jsonb, timestamps, the advisory lock, returning)", async () => {
    const appended = await appendEvents(ledger.db, [event(1), event(2), event(3)]);
    expect(appended.map((e) => e.seq)).toEqual([1, 2, 3]);
    const report = await verifyLedger(ledger.db);
    expect(report.ok).toBe(true);
    const [row] = await ledger.db.select().from(ledgerEvents).where(eq(ledgerEvents.seq, 2));
    expect(row.after).toEqual({ n: 2, s: "ü'\"\\" });
    expect(row.at).toBeInstanceOf(Date);
  });

  it("round-trips arrays, booleans, nulls and timestamps through Drizzle", async () => {
    const id = randomUUID();
    const minted = new Date("2026-03-04T05:06:07.891Z");
    await ledger.db.insert(gatewayTokens).values({
      userTokenId: id,
      lookupKey: "k",
      account: "a",
      agentPortfolioId: randomUUID(),
      userTokenName: "n",
      gatewayOnly: true,
      agentIps: ["203.0.113.7", "a,b", '"q"'],
      mintedAt: minted,
      boundaries: { maxOrderUsdCents: 500 },
    });
    const [row] = await ledger.db.select().from(gatewayTokens).where(eq(gatewayTokens.userTokenId, id));
    expect(row.agentIps).toEqual(["203.0.113.7", "a,b", '"q"']);
    expect(row.gatewayOnly).toBe(true);
    expect(row.frozenAt).toBeNull();
    expect(row.mintedAt.toISOString()).toBe(minted.toISOString());
    expect(row.boundaries).toEqual({ maxOrderUsdCents: 500 });
  });

  it("copies a blob into a table (COPY FROM '/dev/blob', lib/db/copy-rows.ts), inside a transaction", async () => {
    await ledger.db.execute(sql`create table if not exists copy_probe (n int, s text)`);
    await ledger.db.execute(sql`truncate copy_probe`);
    const copied = await ledger.db.transaction((tx) => copyRows(tx as unknown as LedgerDb, "copy_probe", ["n", "s"], [[1, "a\tb"], [2, null]]));
    expect(copied).toBe(true);
    const rows = await ledger.db.execute(sql`select n, s from copy_probe order by n`);
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ n: 1, s: "a\tb" }, { n: 2, s: null }]);
  });

  it("holds the database for a transaction: a statement asked meanwhile runs after it and sees only what it committed", async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = ledger.db
      .transaction(async (tx) => {
        await appendEvents(tx, [event(1)]);
        entered();
        await gate;
        // Had the outside statement been let in, it would have run before this one, inside the open transaction.
        await tx.execute(sql`select 1`);
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    await inside;
    const outside = ledger.db.select({ n: count() }).from(ledgerEvents);
    release();
    expect(await rolledBack).toBe("roll back");
    expect((await outside)[0].n).toBe(0);
  });

  it("rolls back a savepoint alone, and keeps the rest of the transaction", async () => {
    await ledger.db.transaction(async (tx) => {
      await appendEvents(tx, [event(1)]);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into ledger_events (id, at, account, action, outcome, prev_hash, hash) values (${randomUUID()}, now(), 'x', 'token.mint', 'ok', 'p', 'h')`);
        inner.rollback();
      }).catch(() => undefined);
    });
    const rows = await ledger.db.select({ account: ledgerEvents.account }).from(ledgerEvents);
    expect(rows).toEqual([{ account: "acct-thread" }]);
  });

  it("fails the commit of a transaction whose statement failed, even when the callback swallowed the error", async () => {
    const outcome = await ledger.db
      .transaction(async (tx) => {
        await appendEvents(tx, [event(1)]);
        await tx.execute(sql`select 1 / 0`).catch(() => undefined);
      })
      .then(
        () => "committed",
        () => "failed",
      );
    expect(outcome).toBe("failed");
    expect((await ledger.db.select({ n: count() }).from(ledgerEvents))[0].n).toBe(0);
  });

  it("keeps Postgres's error code (a unique violation is 23505)", async () => {
    const id = randomUUID();
    const insert = () => ledger.db.execute(sql`insert into ledger_events (id, at, account, action, outcome, prev_hash, hash) values (${id}, now(), 'x', 'token.mint', 'ok', 'p', 'h')`);
    await insert();
    const error = await insert().then(
      () => null,
      (e: unknown) => e,
    );
    expect(codeOf(error)).toBe("23505");
  });
});

it("refuses statements once the thread is closed", async () => {
  const ledger = await openLedger({ memory: true, thread: true });
  await ledger.close();
  await expect(ledger.db.execute(sql`select 1`)).rejects.toThrow();
}, 120_000);

it("starts a stopped thread again on its directory: what was committed is there, what was in flight failed", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pglite-thread-restart-"));
  const thread = await openPgliteThread({ dataDir: dir, startParams: PGlite.defaultStartParams, script: path.resolve("tests/support/pglite-crashing-worker.mjs") });
  const said = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await thread.exec("create table kept (n int)");
    await thread.query("insert into kept values (1)");
    const inFlight = thread.transaction(async (tx) => {
      await tx.query("insert into kept values (2)");
      await tx.query("select 'crash the thread'");
    });
    await expect(inFlight).rejects.toThrow(/database thread stopped/);
    // The next statement starts it again (at most one start a second: asked sooner, it fails and is asked again).
    let rows: { n: number }[] | null = null;
    for (let attempt = 0; attempt < 50 && !rows; attempt++) {
      rows = await thread.query<{ n: number }>("select n from kept order by n").then(
        (r) => r.rows,
        async () => (await new Promise((r) => setTimeout(r, 100)), null),
      );
    }
    expect(rows).toEqual([{ n: 1 }]);
    // The operator is told, in the server's log.
    expect(said.mock.calls.map((c) => String(c[0]))).toContain("[ledger] the database thread stopped (exit 70); starting it again");
    await thread.query("insert into kept values (3)");
    expect((await thread.query<{ n: number }>("select n from kept order by n")).rows).toEqual([{ n: 1 }, { n: 3 }]);
  } finally {
    said.mockRestore();
    await thread.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

// A nice value is per thread on Linux; elsewhere the thread keeps the caller's priority.
it.runIf(process.platform === "linux")("runs its thread at the caller's priority unless told to run below it, and leaves the caller's alone", async () => {
  const caller = os.getPriority(0);
  const main = os.getPriority(process.pid);
  const niced = await openLedger({ memory: true, thread: true, threadNice: 10 });
  const level = await openLedger({ memory: true, thread: true });
  try {
    const threadOf = (opened: OpenLedger) => (opened.db as unknown as { $client: PgliteThread }).$client;
    expect(await threadOf(niced).priority()).toBe(Math.min(19, caller + 10));
    expect(await threadOf(level).priority()).toBe(caller);
    expect(os.getPriority(0)).toBe(caller);
    expect(os.getPriority(process.pid)).toBe(main);
  } finally {
    await niced.close();
    await level.close();
  }
}, 120_000);
