/** Server-side sessions on PGlite and PostgreSQL: ending, listing, and one account never touching another's. */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "@/lib/db/test-backends";
import { endAllSessions, endSession, insertSession, listActiveSessions, sessionState, touchSession } from "./store";

const ALICE = "a11ce0000000a11c";
const BOB = "b0b0000000000b0b";
const t0 = new Date("2026-01-01T10:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const LONG_AGO = new Date(0);

describeEachBackend("console sessions", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate console_sessions`);
  });

  async function start(account: string, at = t0) {
    const id = randomUUID();
    await insertSession(get().db, { id, account, at, clientIp: "203.0.113.9", userAgent: "x".repeat(1000) });
    return id;
  }

  it("records a session without the key, and ends it", async () => {
    const { db } = get();
    const id = await start(ALICE);
    expect(await sessionState(db, id)).toEqual({ account: ALICE, startedAt: t0, lastSeenAt: t0, endedAt: null });
    const result = (await db.execute(sql`select * from console_sessions`)) as unknown as { rows: Record<string, unknown>[] };
    const [row] = result.rows;
    expect(Object.keys(row!).sort()).toEqual(["account", "client_ip", "ended_at", "id", "last_seen_at", "started_at", "user_agent"]);
    expect(String(row!.user_agent).length).toBe(256);
    expect(await endSession(db, ALICE, id, later(1000))).toBe(true);
    expect((await sessionState(db, id))?.endedAt).toEqual(later(1000));
    expect(await endSession(db, ALICE, id, later(2000))).toBe(false); // already ended
  });

  it("one account can neither list nor end another's sessions", async () => {
    const { db } = get();
    const alice = await start(ALICE);
    const bob = await start(BOB);
    expect((await listActiveSessions(db, BOB, LONG_AGO)).map((s) => s.id)).toEqual([bob]);
    expect(await endSession(db, BOB, alice, later(1))).toBe(false);
    expect(await endAllSessions(db, BOB, later(1))).toEqual([bob]);
    expect((await sessionState(db, alice))?.endedAt).toBeNull();
    expect((await listActiveSessions(db, ALICE, LONG_AGO)).map((s) => s.id)).toEqual([alice]);
  });

  it("sign out everywhere ends all of the account's open sessions; the list shows only open, unexpired ones", async () => {
    const { db } = get();
    const old = await start(ALICE, later(-9 * 3600_000));
    const a = await start(ALICE);
    const b = await start(ALICE, later(5));
    await touchSession(db, a, later(60_000));
    const listed = await listActiveSessions(db, ALICE, later(-8 * 3600_000));
    expect(listed.map((s) => s.id)).toEqual([a, b]); // most recently seen first, the expired one left out
    expect(listed[0]).toMatchObject({ clientIp: "203.0.113.9", lastSeenAt: later(60_000) });
    expect((await endAllSessions(db, ALICE, later(70_000))).sort()).toEqual([old, a, b].sort());
    expect(await listActiveSessions(db, ALICE, LONG_AGO)).toEqual([]);
  });

  it("last seen never moves back, nor on an ended session", async () => {
    const { db } = get();
    const id = await start(ALICE);
    await touchSession(db, id, later(10_000));
    await touchSession(db, id, later(5_000));
    expect((await sessionState(db, id))?.lastSeenAt).toEqual(later(10_000));
    await endSession(db, ALICE, id, later(11_000));
    await touchSession(db, id, later(20_000));
    expect((await sessionState(db, id))?.lastSeenAt).toEqual(later(10_000));
  });
});
