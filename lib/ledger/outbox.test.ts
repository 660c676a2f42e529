import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { type OpenLedger } from "../db/open";
import { openTestLedger } from "../db/test-ledgers";
import { Outbox, outboxDirFromEnv } from "./outbox";
import { listEvents } from "./queries";
import { verifyLedger } from "./verify";

const ACCOUNT = "0utb0x0utb0x0utb";
let ledger: OpenLedger;
let tmp: string;
beforeAll(async () => {
  ledger = await openTestLedger();
  tmp = mkdtempSync(path.join(tmpdir(), "ledger-outbox-"));
}, 60_000);
afterAll(async () => {
  await ledger.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(async () => {
  await ledger.db.execute(sql`truncate ledger_events restart identity`);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

const down = () => Promise.reject(new Error("ledger down"));

describe("the ledger outbox", () => {
  it("keeps events as files while the ledger is down, then appends them in order, once", async () => {
    const dir = path.join(tmp, "in-order");
    const whileDown = new Outbox(dir, down);
    const first = new Date(Date.now() - 2_000);
    whileDown.keep({ account: ACCOUNT, action: "token.revoke", outcome: "ok", tokenId: "t-1", at: first });
    whileDown.keep({ account: ACCOUNT, action: "portfolio.delete", outcome: "ok", portfolioId: "p-1", at: new Date(first.getTime() + 1_000) });
    expect(await whileDown.drain()).toBe(0);
    expect(whileDown.pending()).toBe(2);

    // A restarted process (a new Outbox on the same directory) finds them; two drains at once record each once.
    const back = new Outbox(dir, async () => ledger.db);
    const other = new Outbox(dir, async () => ledger.db);
    const [a, b] = await Promise.all([back.drain(), other.drain()]);
    expect(a + b).toBe(2);
    expect(back.pending()).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    const { events } = await listEvents(ledger.db, ACCOUNT);
    expect(events.map((e) => e.action)).toEqual(["portfolio.delete", "token.revoke"]);
    expect(new Date(events[1].at).getTime()).toBe(first.getTime()); // when it happened, not when appended
    expect(await verifyLedger(ledger.db)).toEqual({ ok: true, count: 2 });
  });

  it("sets aside an event the ledger refuses instead of blocking the queue", async () => {
    const dir = path.join(tmp, "refused");
    const outbox = new Outbox(dir, async () => ledger.db);
    outbox.keep({ account: "", action: "token.revoke", outcome: "ok" });
    outbox.keep({ account: ACCOUNT, action: "token.revoke", outcome: "ok" });
    expect(await outbox.drain()).toBe(1);
    expect(outbox.pending()).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith(".rejected"))).toHaveLength(1);
  });

  it("lives beside the PGlite directory, or where LEDGER_OUTBOX_DIR says", () => {
    expect(outboxDirFromEnv({ PGLITE_DATA_DIR: "/srv/ledger" })).toBe("/srv/ledger-outbox");
    expect(outboxDirFromEnv({ DATABASE_URL: "postgres://x@h/db" })).toBe(path.resolve(".data/ledger-outbox"));
    expect(outboxDirFromEnv({ LEDGER_OUTBOX_DIR: "/var/outbox", PGLITE_DATA_DIR: "/srv/ledger" })).toBe("/var/outbox");
  });
});
