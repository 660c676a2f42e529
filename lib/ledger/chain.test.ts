/** Append + verify on PGlite (memory) and PostgreSQL: the chain, tampering, concurrency. */
import { asc, count, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { appendEvent } from "./append";
import { LedgerSecretError, type LedgerEventInput } from "./event";
import { GENESIS_HASH, eventHash } from "./hash";
import { hashedFieldsOf } from "./event";
import { ledgerEvents } from "../db/schema";
import { describeEachBackend, tamper } from "../db/test-backends";
import { verifyLedger } from "./verify";
import type { LedgerDb } from "../db/open";

const ACCOUNT = "a1b2c3d4e5f60718";

function mint(i: number, extra: Partial<LedgerEventInput> = {}): LedgerEventInput {
  return {
    account: ACCOUNT,
    action: "token.mint",
    outcome: "ok",
    requestId: `req-${i}`,
    portfolioId: "p1",
    portfolioName: "Alpha01",
    tokenId: `t${i}`,
    tokenName: `agent ${i}`,
    secretHint: "Wx9z",
    after: { scopeNames: ["etoro-public:trade.demo:read"], ipsWhitelist: [], expiresAt: null },
    clientIp: "203.0.113.7",
    ...extra,
  };
}

async function appendMany(db: LedgerDb, n: number) {
  const out = [];
  for (let i = 1; i <= n; i++) out.push(await appendEvent(db, mint(i)));
  return out;
}

async function rowCount(db: LedgerDb) {
  const [{ n }] = await db.select({ n: count() }).from(ledgerEvents);
  return n;
}

describeEachBackend("ledger chain", (get) => {
  it("links each event to the previous one and verifies", async () => {
    const { db } = get();
    const events = await appendMany(db, 5);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);

    // What the database gives back hashes to what was stored (dates, jsonb round-trip).
    const rows = await db.select().from(ledgerEvents).orderBy(asc(ledgerEvents.seq));
    for (const row of rows) expect(eventHash(hashedFieldsOf(row))).toBe(row.hash);

    await expect(verifyLedger(db)).resolves.toEqual({ ok: true, count: 5 });
  });

  it("verifies an empty ledger", async () => {
    await expect(verifyLedger(get().db)).resolves.toEqual({ ok: true, count: 0 });
  });

  it("stores jsonb before/after so that they still hash the same (key order, nesting, Dates)", async () => {
    const { db } = get();
    const at = new Date("2025-06-01T08:00:00.123Z");
    await appendEvent(db, {
      account: ACCOUNT,
      action: "token.update",
      outcome: "ok",
      at,
      before: { zeta: 1, expiresAt: new Date("2026-01-01T00:00:00Z") as unknown as string, nested: { b: [1.5, "é"], a: null } },
      after: { scopeNames: ["b", "a"], expiresAt: null, dropped: undefined },
    });
    const [row] = await db.select().from(ledgerEvents);
    expect(row.at.toISOString()).toBe(at.toISOString());
    expect(row.before).toEqual({ zeta: 1, expiresAt: "2026-01-01T00:00:00.000Z", nested: { b: [1.5, "é"], a: null } });
    expect(row.after).toEqual({ scopeNames: ["b", "a"], expiresAt: null });
    await expect(verifyLedger(db)).resolves.toEqual({ ok: true, count: 1 });
  });

  it("names the event whose field was changed", async () => {
    const { db } = get();
    await appendMany(db, 5);
    await tamper(db, sql`update ledger_events set token_name = 'innocent' where seq = 3`);
    await expect(verifyLedger(db)).resolves.toMatchObject({ ok: false, brokenAt: 3, count: 3 });
  });

  it("names the event whose jsonb was changed", async () => {
    const { db } = get();
    await appendMany(db, 4);
    await tamper(db, sql`update ledger_events set after = '{"scopeNames":["etoro-public:trade.real:write"]}' where seq = 2`);
    const result = await verifyLedger(db);
    expect(result).toMatchObject({ ok: false, brokenAt: 2 });
    expect(!result.ok && result.reason).toMatch(/hash does not match/);
  });

  it("names the next event when a row was edited and re-hashed", async () => {
    const { db } = get();
    const events = await appendMany(db, 4);
    const forged = eventHash(hashedFieldsOf({ ...events[1], tokenName: "forged" }));
    await tamper(db, sql`update ledger_events set token_name = 'forged', hash = ${forged} where seq = 2`);
    const result = await verifyLedger(db);
    expect(result).toMatchObject({ ok: false, brokenAt: 3 });
    expect(!result.ok && result.reason).toMatch(/prev_hash does not match .*#2/);
  });

  it("names the broken link when a middle row is deleted", async () => {
    const { db } = get();
    await appendMany(db, 6);
    await tamper(db, sql`delete from ledger_events where seq = 4`);
    const result = await verifyLedger(db);
    expect(result).toMatchObject({ ok: false, brokenAt: 5, count: 4 });
    expect(!result.ok && result.reason).toMatch(/previous event #3/);
  });

  it("names the first row when the oldest rows are deleted", async () => {
    const { db } = get();
    await appendMany(db, 3);
    await tamper(db, sql`delete from ledger_events where seq = 1`);
    const result = await verifyLedger(db);
    expect(result).toMatchObject({ ok: false, brokenAt: 2, count: 1 });
    expect(!result.ok && result.reason).toMatch(/genesis/);
  });

  it("refuses UPDATE and DELETE outright (append-only trigger)", async () => {
    const { db } = get();
    await appendMany(db, 2);
    await expect(db.execute(sql`update ledger_events set token_name = 'x' where seq = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from ledger_events where seq = 2`)).rejects.toThrow();
    await expect(verifyLedger(db)).resolves.toEqual({ ok: true, count: 2 });
  });

  it("refuses an event carrying a secret and writes nothing", async () => {
    const { db } = get();
    await appendMany(db, 1);
    await expect(appendEvent(db, mint(2, { secretHint: "9z8y7" }))).rejects.toThrow(LedgerSecretError);
    await expect(appendEvent(db, mint(3, { tokenName: ["sk", "live", "ABCDEFGH1234"].join("_") }))).rejects.toThrow(LedgerSecretError);
    await expect(
      appendEvent(db, mint(4, { before: { ipsWhitelist: ["1.2.3.4"], note: ["sk_sandbox_abcdefgh12345678"] } })),
    ).rejects.toThrow(LedgerSecretError);
    expect(await rowCount(db)).toBe(1);
    // And the database refuses a long hint even if a writer skipped appendEvent.
    await expect(
      db.insert(ledgerEvents).values({
        id: crypto.randomUUID(), at: new Date(), account: ACCOUNT, action: "token.mint", outcome: "ok",
        secretHint: "12345", prevHash: GENESIS_HASH, hash: "x",
      }),
    ).rejects.toThrow();
    await expect(verifyLedger(db)).resolves.toEqual({ ok: true, count: 1 });
  });

  it("keeps one intact chain under 50 concurrent appends", async () => {
    const { db } = get();
    const events = await Promise.all(Array.from({ length: 50 }, (_, i) => appendEvent(db, mint(i))));
    expect(new Set(events.map((e) => e.seq)).size).toBe(50);
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(50); // no fork: no two share a parent
    expect(await rowCount(db)).toBe(50);
    await expect(verifyLedger(db)).resolves.toEqual({ ok: true, count: 50 });
  });

  it("walks a long chain page by page", async () => {
    const { db } = get();
    // Build 2,500 chained rows in bulk (appendEvent one by one would only be slower).
    let prevHash = GENESIS_HASH;
    const rows = [];
    for (let i = 0; i < 2_500; i++) {
      const row = {
        id: crypto.randomUUID(), at: new Date(1_700_000_000_000 + i), account: ACCOUNT,
        action: "token.update" as const, outcome: "ok" as const, errorCode: null, requestId: `r${i}`,
        portfolioId: "p", portfolioName: null, tokenId: `t${i % 10}`, tokenName: null, secretHint: null,
        before: { expiresAt: null }, after: { expiresAt: new Date(i).toISOString() }, clientIp: null, prevHash,
      };
      const hash = eventHash(hashedFieldsOf(row));
      rows.push({ ...row, hash });
      prevHash = hash;
    }
    for (let i = 0; i < rows.length; i += 500) await db.insert(ledgerEvents).values(rows.slice(i, i + 500));
    await expect(verifyLedger(db, { pageSize: 300 })).resolves.toEqual({ ok: true, count: 2_500 });

    await tamper(db, sql`update ledger_events set client_ip = '10.0.0.1' where seq = 2222`);
    await expect(verifyLedger(db, { pageSize: 300 })).resolves.toMatchObject({ ok: false, brokenAt: 2222, count: 2222 });
  });
});
