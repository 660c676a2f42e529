/**
 * The per-instance answer to "is this session still open?": an ending recorded by
 * another instance is seen within SESSION_RECHECK_MS (5 s), one made here at once,
 * and last-seen is written at most every LAST_SEEN_EVERY_MS.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeLedgerDb, getLedgerDb } from "@/lib/db/process-db";
import { seedPgliteDir } from "@/lib/db/test-ledgers";
import { LAST_SEEN_EVERY_MS, SESSION_RECHECK_MS, forgetSessions, isSessionLive } from "./registry";
import { endSession, insertSession, sessionState } from "./store";

const ACCOUNT = "5e55105e55105e55";
const TTL = 8 * 3600_000;
const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR };
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), "session-registry-"));
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = tmp;
  await seedPgliteDir(tmp);
}, 60_000);
afterAll(async () => {
  await closeLedgerDb();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(tmp, { recursive: true, force: true });
});

async function started(at: number) {
  const id = randomUUID();
  await insertSession(await getLedgerDb(), { id, account: ACCOUNT, at: new Date(at), clientIp: null, userAgent: null });
  return id;
}

describe("isSessionLive", () => {
  it("sees an ending made elsewhere after the 5 s re-check, not before", async () => {
    const t = Date.now();
    const id = await started(t);
    expect(await isSessionLive(id, ACCOUNT, TTL, t)).toBe(true);
    await endSession(await getLedgerDb(), ACCOUNT, id, new Date(t + 100)); // another instance signs it out
    expect(SESSION_RECHECK_MS).toBe(5_000);
    expect(await isSessionLive(id, ACCOUNT, TTL, t + SESSION_RECHECK_MS - 1)).toBe(true); // cached
    expect(await isSessionLive(id, ACCOUNT, TTL, t + SESSION_RECHECK_MS)).toBe(false);
    expect(await isSessionLive(id, ACCOUNT, TTL, t + 10 * SESSION_RECHECK_MS)).toBe(false);
  }, 60_000);

  it("refuses at once a session ended through this instance", async () => {
    const t = Date.now();
    const id = await started(t);
    expect(await isSessionLive(id, ACCOUNT, TTL, t)).toBe(true);
    forgetSessions([id], ACCOUNT);
    expect(await isSessionLive(id, ACCOUNT, TTL, t + 1)).toBe(false);
  });

  it("refuses an unknown id, another account's session and an expired one", async () => {
    const t = Date.now();
    expect(await isSessionLive(randomUUID(), ACCOUNT, TTL, t)).toBe(false);
    const id = await started(t);
    expect(await isSessionLive(id, "0theracc0untfff0", TTL, t)).toBe(false);
    const old = await started(t - TTL - 1);
    expect(await isSessionLive(old, ACCOUNT, TTL, t)).toBe(false);
  });

  it("writes last-seen at most once a minute", async () => {
    const t = Date.now();
    const id = await started(t);
    const db = await getLedgerDb();
    await isSessionLive(id, ACCOUNT, TTL, t + SESSION_RECHECK_MS);
    expect((await sessionState(db, id))?.lastSeenAt.getTime()).toBe(t); // under a minute: not written
    await isSessionLive(id, ACCOUNT, TTL, t + LAST_SEEN_EVERY_MS);
    expect((await sessionState(db, id))?.lastSeenAt.getTime()).toBe(t + LAST_SEEN_EVERY_MS);
  });
});
