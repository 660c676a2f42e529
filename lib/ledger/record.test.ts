/**
 * The facade route handlers call: the process-wide ledger chosen from the environment,
 * and failures that are logged (kind only) but never thrown.
 */
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closeLedgerDb, getLedgerDb } from "../db/process-db";
import { listEvents } from "./queries";
import { ledgerHealth, recordEvent } from "./record";
import { createPostgresDatabase, postgresSkipReason } from "../db/test-backends";
import { seedPgliteDir } from "../db/test-ledgers";
import { verifyLedger } from "./verify";

const ACCOUNT = "f00dfeedf00dfeed";
const saved = {
  DATABASE_URL: process.env.DATABASE_URL,
  PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR,
  LEDGER_OUTBOX_DIR: process.env.LEDGER_OUTBOX_DIR,
};
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "ledger-record-"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeLedgerDb();
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(tmp, { recursive: true, force: true });
});

function usePglite(dir: string) {
  delete process.env.DATABASE_URL;
  delete process.env.LEDGER_OUTBOX_DIR;
  process.env.PGLITE_DATA_DIR = dir;
}

function silenceErrors() {
  return vi.spyOn(console, "error").mockImplementation(() => undefined);
}

describe("recordEvent / getLedgerDb on PGlite (no DATABASE_URL)", () => {
  it("opens PGlite at PGLITE_DATA_DIR (creating it), once per process, and keeps data across reopen", async () => {
    const dir = path.join(tmp, "nested", "ledger");
    usePglite(dir);
    await recordEvent({ account: ACCOUNT, action: "session.login", outcome: "ok", clientIp: "203.0.113.9" });
    expect(existsSync(dir)).toBe(true);
    const db = await getLedgerDb();
    expect(await getLedgerDb()).toBe(db);
    expect((await listEvents(db, ACCOUNT)).events).toHaveLength(1);

    await closeLedgerDb();
    const reopened = await getLedgerDb();
    expect(reopened).not.toBe(db);
    expect((await listEvents(reopened, ACCOUNT)).events.map((e) => e.clientIp)).toEqual(["203.0.113.9"]);
    await expect(ledgerHealth()).resolves.toEqual({ writable: true, pending: 0 });
  }, 120_000); // two cold PGlite opens: slow on a loaded machine

  it("never throws on a refused event and logs only the error's kind", async () => {
    // A migrated copy: creating the directory is the test above.
    const dir = path.join(tmp, "refused");
    await seedPgliteDir(dir);
    usePglite(dir);
    const log = silenceErrors();
    const secret = "sk_sandbox_Zq8rT5uV2wX9yA1bC4dE";
    await expect(
      recordEvent({ account: ACCOUNT, action: "token.mint", outcome: "ok", tokenName: secret }),
    ).resolves.toBeUndefined();
    await expect(
      recordEvent({ account: ACCOUNT, action: "token.mint", outcome: "ok", secretHint: secret.slice(-8) }),
    ).resolves.toBeUndefined();
    expect(log.mock.calls).toEqual([
      ["[ledger] append failed: LedgerSecretError"],
      ["[ledger] append failed: LedgerSecretError"],
    ]);
    expect(await verifyLedger(await getLedgerDb())).toEqual({ ok: true, count: 0 });
  }, 60_000);
});

describe.skipIf(!!postgresSkipReason)(
  postgresSkipReason ? `recordEvent on PostgreSQL (skipped: ${postgresSkipReason})` : "recordEvent on PostgreSQL (DATABASE_URL)",
  () => {
    it("survives an unreachable database, keeps the event in the outbox, and appends it once the database is reachable", async () => {
      const log = silenceErrors();
      process.env.LEDGER_OUTBOX_DIR = path.join(tmp, "outbox-pg");
      process.env.DATABASE_URL = "postgres://ledger:hunter2@127.0.0.1:1/nowhere";
      await expect(recordEvent({ account: ACCOUNT, action: "session.logout", outcome: "ok", requestId: "r-0" })).resolves.toBeUndefined();
      await expect(ledgerHealth()).resolves.toEqual({ writable: false, pending: 1 });
      const logged = log.mock.calls.flat().join("\n");
      expect(logged).toMatch(/^\[ledger\] append failed: \S/);
      expect(logged).not.toContain("hunter2");
      expect(logged).not.toContain(ACCOUNT);

      // The failed open is not cached: pointing at a live database works without a restart.
      const database = await createPostgresDatabase();
      try {
        process.env.DATABASE_URL = database.url;
        await recordEvent({ account: ACCOUNT, action: "session.logout", outcome: "ok", requestId: "r-1" });
        await expect(ledgerHealth()).resolves.toEqual({ writable: true, pending: 0 });
        const page = await listEvents(await getLedgerDb(), ACCOUNT);
        // The kept event keeps the time it happened; the chain holds both and verifies.
        expect(page.events.map((e) => e.requestId).sort()).toEqual(["r-0", "r-1"]);
        expect(await verifyLedger(await getLedgerDb())).toEqual({ ok: true, count: 2 });
      } finally {
        await closeLedgerDb();
        await database.drop();
      }
    });
  },
);
