/** Reads on PGlite (memory) and PostgreSQL: account isolation, filters, keyset paging, DTOs. */
import { expect, it } from "vitest";
import { appendEvent } from "./append";
import type { LedgerEventInput } from "./event";
import type { LedgerDb } from "../db/open";
import { LedgerQueryError, MAX_PAGE_SIZE, listEvents, secretHintsFor } from "./queries";
import { describeEachBackend } from "../db/test-backends";

const ALICE = "a11ce0000000a11c";
const BOB = "b0b0000000000b0b";

async function seed(db: LedgerDb, events: LedgerEventInput[]) {
  for (const event of events) await appendEvent(db, event);
}

const aliceMint = (tokenId: string, hint: string | null, extra: Partial<LedgerEventInput> = {}): LedgerEventInput => ({
  account: ALICE, action: "token.mint", outcome: "ok", portfolioId: "p-a", tokenId, tokenName: tokenId, secretHint: hint, ...extra,
});

describeEachBackend("ledger queries", (get) => {
  it("secretHintsFor returns only this account's hints from successful mints and creates", async () => {
    const { db } = get();
    await seed(db, [
      aliceMint("t1", "AAAA"),
      { account: ALICE, action: "portfolio.create", outcome: "ok", portfolioId: "p-a", tokenId: "t2", secretHint: "BBBB" },
      aliceMint("t3", "CCCC", { outcome: "error", errorCode: "MaxUserTokensExceeded" }),
      { account: ALICE, action: "token.update", outcome: "ok", tokenId: "t4", secretHint: "DDDD" },
      { account: BOB, action: "token.mint", outcome: "ok", tokenId: "t5", secretHint: "EEEE" },
      { account: BOB, action: "token.mint", outcome: "ok", tokenId: "t1", secretHint: "FFFF" }, // same id, other account
    ]);
    const hints = await secretHintsFor(db, ALICE, ["t1", "t2", "t3", "t4", "t5", "unknown"]);
    expect(Object.fromEntries(hints)).toEqual({ t1: "AAAA", t2: "BBBB" });
    expect(Object.fromEntries(await secretHintsFor(db, BOB, ["t1", "t5"]))).toEqual({ t1: "FFFF", t5: "EEEE" });
    expect((await secretHintsFor(db, ALICE, [])).size).toBe(0);
  });

  it("secretHintsFor copes with long id lists", async () => {
    const { db } = get();
    await seed(db, [aliceMint("t-1199", "LAST")]);
    const ids = Array.from({ length: 1200 }, (_, i) => `t-${i}`);
    expect(Object.fromEntries(await secretHintsFor(db, ALICE, ids))).toEqual({ "t-1199": "LAST" });
  });

  it("listEvents shows an account only its own events, newest first, as DTOs", async () => {
    const { db } = get();
    await seed(db, [
      { account: ALICE, action: "session.login", outcome: "ok", clientIp: "203.0.113.1" },
      { account: BOB, action: "session.login", outcome: "ok", clientIp: "198.51.100.2" },
      aliceMint("t1", "AAAA", { requestId: "req-9", after: { scopeNames: ["x"] } }),
    ]);
    const page = await listEvents(db, ALICE);
    expect(page.nextCursor).toBeNull();
    expect(page.events.map((e) => e.action)).toEqual(["token.mint", "session.login"]);
    const [mint] = page.events;
    expect(mint).toMatchObject({ tokenId: "t1", secretHint: "AAAA", requestId: "req-9", after: { scopeNames: ["x"] } });
    expect(typeof mint.at).toBe("string");
    expect(new Date(mint.at).toISOString()).toBe(mint.at);
    expect(mint).not.toHaveProperty("account");
    expect(mint).not.toHaveProperty("hash");
    expect(mint).not.toHaveProperty("prevHash");

    const withHashes = await listEvents(db, ALICE, { includeHashes: true });
    expect(withHashes.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(withHashes.events[0].prevHash).toMatch(/^[0-9a-f]{64}$/);

    expect((await listEvents(db, BOB)).events.map((e) => e.clientIp)).toEqual(["198.51.100.2"]);
    expect((await listEvents(db, "nobody")).events).toEqual([]);
  });

  it("pages by seq with a cursor, with no gaps or repeats even while new events arrive", async () => {
    const { db } = get();
    await seed(db, Array.from({ length: 23 }, (_, i) => aliceMint(`t${i + 1}`, null)));
    await seed(db, [{ account: BOB, action: "session.login", outcome: "ok" }]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listEvents(db, ALICE, { limit: 10, cursor });
      seen.push(...page.events.map((e) => e.tokenId!));
      cursor = page.nextCursor;
      pages++;
      if (pages === 1) await seed(db, [aliceMint("late", null)]); // must not shift later pages
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `t${23 - i}`));
    // The exact-multiple case: the last full page says there is no next one.
    const all = await listEvents(db, ALICE, { limit: 24 });
    expect(all.events).toHaveLength(24);
    expect(all.nextCursor).toBeNull();
  });

  it("filters by action, outcome, token, portfolio and time", async () => {
    const { db } = get();
    const t0 = new Date("2025-01-01T00:00:00.000Z");
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    await seed(db, [
      aliceMint("t1", "AAAA", { at: at(0), portfolioId: "p1" }),
      aliceMint("t1", null, { at: at(1), action: "token.update", portfolioId: "p1" }),
      aliceMint("t2", null, { at: at(2), action: "token.revoke", outcome: "error", errorCode: "NotFound", portfolioId: "p2" }),
      aliceMint("t2", "BBBB", { at: at(3), portfolioId: "p2" }),
    ]);
    const ids = async (opts: Parameters<typeof listEvents>[2]) =>
      (await listEvents(db, ALICE, opts)).events.map((e) => `${e.action}:${e.tokenId}`);

    expect(await ids({ action: "token.mint" })).toEqual(["token.mint:t2", "token.mint:t1"]);
    expect(await ids({ action: ["token.update", "token.revoke"] })).toEqual(["token.revoke:t2", "token.update:t1"]);
    expect(await ids({ outcome: "error" })).toEqual(["token.revoke:t2"]);
    expect(await ids({ tokenId: "t1" })).toEqual(["token.update:t1", "token.mint:t1"]);
    expect(await ids({ portfolioId: "p2", action: "token.mint" })).toEqual(["token.mint:t2"]);
    expect(await ids({ from: at(1), to: at(2).toISOString() })).toEqual(["token.revoke:t2", "token.update:t1"]);
  });

  it("clamps the page size and rejects bad input", async () => {
    const { db } = get();
    await seed(db, Array.from({ length: 3 }, (_, i) => aliceMint(`t${i}`, null)));
    expect((await listEvents(db, ALICE, { limit: 10_000 })).events).toHaveLength(3);
    expect(MAX_PAGE_SIZE).toBe(200);
    await expect(listEvents(db, ALICE, { limit: 0 })).rejects.toThrow(LedgerQueryError);
    await expect(listEvents(db, ALICE, { cursor: "1; drop table ledger_events" })).rejects.toThrow(LedgerQueryError);
    await expect(listEvents(db, ALICE, { from: "yesterday-ish" })).rejects.toThrow(LedgerQueryError);
  });
});
