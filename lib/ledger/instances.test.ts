/**
 * Several app instances on one PostgreSQL (PostgreSQL only: PGlite is one process by
 * design): migrating at the same time, and appending at the same time through
 * separate Pools, still give one intact chain.
 */
import { count, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appendEvent } from "./append";
import { migrationsFolder } from "../db/migrate";
import { openLedger, type OpenLedger } from "../db/open";
import { ledgerEvents } from "../db/schema";
import { createPostgresDatabase, postgresSkipReason } from "../db/test-backends";
import { verifyLedger } from "./verify";
import { readFileSync } from "node:fs";
import path from "node:path";

/** How many migrations the project ships, from drizzle's journal. */
const MIGRATIONS = (JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

const title = postgresSkipReason ? `several instances (skipped: ${postgresSkipReason})` : "several instances on one PostgreSQL";

describe.skipIf(!!postgresSkipReason)(title, () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function freshDatabase() {
    const database = await createPostgresDatabase();
    cleanup.push(database.drop);
    return database;
  }
  function track(ledger: OpenLedger) {
    cleanup.push(() => ledger.close());
    return ledger;
  }

  it("migrates once when four instances start at once", async () => {
    const { url } = await freshDatabase();
    const settled = await Promise.allSettled(Array.from({ length: 4 }, () => openLedger({ databaseUrl: url })));
    const ledgers = settled.flatMap((r) => (r.status === "fulfilled" ? [track(r.value)] : []));
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
    const applied = await ledgers[0].db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect((applied as unknown as { rows: { n: number }[] }).rows[0].n).toBe(MIGRATIONS);
    await expect(verifyLedger(ledgers[3].db)).resolves.toEqual({ ok: true, count: 0 });
  });

  it("keeps one chain when two instances (two Pools) append concurrently", async () => {
    const { url } = await freshDatabase();
    const [a, b] = (await Promise.all([openLedger({ databaseUrl: url }), openLedger({ databaseUrl: url })])).map(track);
    const writes = Array.from({ length: 60 }, (_, i) =>
      appendEvent(i % 2 ? a.db : b.db, {
        account: i % 3 ? "acct-one" : "acct-two",
        action: "token.update",
        outcome: "ok",
        tokenId: `t${i}`,
        before: { scopeNames: ["etoro-public:trade.demo:read"] },
        after: { scopeNames: ["etoro-public:trade.demo:write"] },
      }),
    );
    const events = await Promise.all(writes);
    expect(new Set(events.map((e) => e.seq)).size).toBe(60);
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(60);
    const [{ n }] = await a.db.select({ n: count() }).from(ledgerEvents);
    expect(n).toBe(60);
    await expect(verifyLedger(b.db)).resolves.toEqual({ ok: true, count: 60 });
  });

  it("stays intact under unusual database defaults (REPEATABLE READ, a +05:45 time zone)", async () => {
    const { url, name } = await freshDatabase();
    const setup = track(await openLedger({ databaseUrl: url }));
    await setup.db.execute(sql.raw(`alter database ${name} set default_transaction_isolation = 'repeatable read'`));
    await setup.db.execute(sql.raw(`alter database ${name} set timezone = 'Asia/Kathmandu'`));
    // New pools pick up the database default on their new connections.
    const [a, b] = (await Promise.all([openLedger({ databaseUrl: url }), openLedger({ databaseUrl: url })])).map(track);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => appendEvent(i % 2 ? a.db : b.db, { account: "x", action: "session.login", outcome: "ok" })),
    );
    await expect(verifyLedger(a.db)).resolves.toEqual({ ok: true, count: 30 });
  });
});
