/** The audit page's reads on PGlite and PostgreSQL: paging, filters by name, export iteration, chain status, token history, discovery. */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { appendEvent, appendEvents } from "./append";
import { backgroundWalk, chainStatus, FULL_RECHECK_MS, resetChainStatus } from "./chain-status";
import type { LedgerEventInput } from "./event";
import { eachEvent, LedgerQueryError, listEvents } from "./queries";
import { describeEachBackend, tamper } from "../db/test-backends";
import { recordDiscovered, tokenHistories, tokenOrigins } from "./token-history";
import { verifyLedgerFrom } from "./verify";

const ALICE = "a11ce0000000a11c";
const BOB = "b0b0000000000b0b";
const DEMO_READ = "etoro-public:trade.demo:read";
const REAL_WRITE = "etoro-public:trade.real:write";

const ev = (extra: Partial<LedgerEventInput>): LedgerEventInput => ({ account: ALICE, action: "token.mint", outcome: "ok", ...extra });

describeEachBackend("audit reads", (get) => {
  it("cursors are opaque and forged ones are refused", async () => {
    const { db } = get();
    for (let i = 0; i < 5; i++) await appendEvent(db, ev({ tokenId: `t${i}` }));
    const first = await listEvents(db, ALICE, { limit: 2 });
    expect(first.nextCursor).not.toMatch(/^\d+$/);
    const second = await listEvents(db, ALICE, { limit: 2, cursor: first.nextCursor });
    expect(second.events.map((e) => e.tokenId)).toEqual(["t2", "t1"]);
    for (const bad of ["3", Buffer.from("v1:0").toString("base64url"), Buffer.from("v2:3").toString("base64url"), "%%%"]) {
      await expect(listEvents(db, ALICE, { cursor: bad })).rejects.toThrow(LedgerQueryError);
    }
  });

  it("filters portfolio and token by id or exact name, never across accounts", async () => {
    const { db } = get();
    await appendEvent(db, ev({ portfolioId: "p1", portfolioName: "Alpha01", tokenId: "t1", tokenName: "bot" }));
    await appendEvent(db, ev({ portfolioId: "p2", portfolioName: "Bravo02", tokenId: "t2", tokenName: "bot" }));
    await appendEvent(db, ev({ account: BOB, portfolioId: "p1", portfolioName: "Alpha01", tokenId: "t9", tokenName: "bot" }));
    const tokens = async (o: Parameters<typeof listEvents>[2]) => (await listEvents(db, ALICE, o)).events.map((e) => e.tokenId);
    expect(await tokens({ portfolio: "Alpha01" })).toEqual(["t1"]);
    expect(await tokens({ portfolio: "p2" })).toEqual(["t2"]);
    expect(await tokens({ token: "bot" })).toEqual(["t2", "t1"]);
    expect(await tokens({ token: "t9" })).toEqual([]);
    // A row without the name (a mint right after a create) still matches through its id.
    await appendEvent(db, ev({ portfolioId: "p1", tokenId: "t3" }));
    expect(await tokens({ portfolio: "Alpha01" })).toEqual(["t3", "t1"]);
  });

  it("eachEvent yields every matching event across batches, newest first", async () => {
    const { db } = get();
    const at0 = Date.UTC(2026, 0, 1);
    const rows = Array.from({ length: 2_300 }, (_, i) => ev({ tokenId: `t${i}`, action: i % 2 ? "token.revoke" : "token.mint", at: new Date(at0 + i) }));
    await appendEvents(db, rows);
    const seen: number[] = [];
    for await (const e of eachEvent(db, ALICE, { action: "token.revoke" })) seen.push(e.seq);
    expect(seen).toHaveLength(1_150);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it("verifyLedgerFrom checks only what was appended since a verified point, and catches a row that does not link", async () => {
    const { db } = get();
    for (let i = 0; i < 3; i++) await appendEvent(db, ev({ tokenId: `t${i}` }));
    const full = await verifyLedgerFrom(db, null);
    expect(full).toMatchObject({ ok: true, count: 3, last: { seq: 3 } });
    await appendEvent(db, ev({ tokenId: "t3" }));
    expect(await verifyLedgerFrom(db, full.last)).toMatchObject({ ok: true, count: 1, last: { seq: 4 } });
    await tamper(db, sql`update ledger_events set prev_hash = repeat('1', 64) where seq = 4`);
    expect(await verifyLedgerFrom(db, full.last)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it("chainStatus says verified, then broken once a row is altered (at the next full walk)", async () => {
    const { db } = get();
    resetChainStatus();
    for (let i = 0; i < 3; i++) await appendEvent(db, ev({ tokenId: `t${i}` }));
    const now = Date.now();
    expect((await chainStatus(db, now)).state).toBe("verified");
    await tamper(db, sql`update ledger_events set token_name = 'forged' where seq = 2`);
    // A new, well-linked row alone is checked incrementally: still verified.
    await appendEvent(db, ev({ tokenId: "t3" }));
    expect((await chainStatus(db, now + 10_000)).state).toBe("verified");
    // When a full walk is due it runs in the background (the answer meanwhile may still be the incremental one).
    await chainStatus(db, now + FULL_RECHECK_MS + 20_000);
    await backgroundWalk();
    expect((await chainStatus(db, now + FULL_RECHECK_MS + 30_000)).state).toBe("broken");
    resetChainStatus();
  });

  it("tokenHistories keeps a revoked token's life: minted when and where, scopes held, revoked by whom", async () => {
    const { db } = get();
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    await appendEvent(db, ev({ at: at(0), portfolioId: "p1", portfolioName: "Alpha01", tokenId: "t1", tokenName: "bot", clientIp: "203.0.113.1", requestId: "r-mint", after: { scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: null } }));
    await appendEvent(db, ev({ at: at(5), action: "token.update", portfolioId: "p1", tokenId: "t1", before: { scopeNames: [DEMO_READ] }, after: { scopeNames: [REAL_WRITE], ipsWhitelist: ["10.0.0.1"], expiresAt: null } }));
    await appendEvent(db, ev({ at: at(6), action: "token.revoke", outcome: "error", portfolioId: "p1", tokenId: "t1" }));
    await appendEvent(db, ev({ at: at(9), action: "token.revoke", portfolioId: "p1", tokenId: "t1", clientIp: "198.51.100.9", requestId: "r-revoke", before: { scopeNames: [REAL_WRITE] } }));
    await appendEvent(db, ev({ at: at(10), action: "token.discovered", portfolioId: "p1", tokenId: "t2", tokenName: "ext", after: { scopeNames: [DEMO_READ], createdAt: "2025-12-01T00:00:00.000Z" } }));
    await appendEvent(db, ev({ at: at(11), action: "portfolio.delete", portfolioId: "p1", requestId: "r-del" }));
    await appendEvent(db, ev({ account: BOB, portfolioId: "p1", tokenId: "t1" }));

    const [t1, t2] = await tokenHistories(db, ALICE, { portfolioId: "p1" });
    expect(t1).toMatchObject({
      tokenId: "t1", tokenName: "bot", portfolioName: "Alpha01", origin: "console",
      since: at(0).toISOString(), createdAt: at(0).toISOString(), sinceClientIp: "203.0.113.1", sinceRequestId: "r-mint",
      scopeNames: [REAL_WRITE], scopesHeld: [REAL_WRITE, DEMO_READ].sort(), ipsWhitelist: ["10.0.0.1"],
      endedAt: at(9).toISOString(), endedBy: "token.revoke", endedClientIp: "198.51.100.9", endedRequestId: "r-revoke",
    });
    expect(t2).toMatchObject({ tokenId: "t2", origin: "outside", since: at(10).toISOString(), createdAt: "2025-12-01T00:00:00.000Z", endedBy: "portfolio.delete", endedRequestId: "r-del" });
    expect(await tokenHistories(db, ALICE, { portfolioId: "p-other" })).toEqual([]);
  });

  it("recordDiscovered writes each outside token once, however often and concurrently it is called", async () => {
    const { db } = get();
    await appendEvent(db, ev({ tokenId: "minted-here" }));
    const seen = (tokenId: string): LedgerEventInput => ({ account: ALICE, action: "token.discovered", outcome: "ok", tokenId, portfolioId: "p1" });
    const batch = [seen("x1"), seen("x2"), seen("minted-here"), seen("x1")];
    const written = await Promise.all([recordDiscovered(db, batch), recordDiscovered(db, batch), recordDiscovered(db, batch)]);
    expect(written.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await recordDiscovered(db, batch)).toBe(0);
    const origins = await tokenOrigins(db, ALICE, ["x1", "x2", "minted-here", "nope"]);
    expect([...origins.discovered].sort()).toEqual(["x1", "x2"]);
    expect([...origins.minted]).toEqual(["minted-here"]);
    expect((await tokenOrigins(db, BOB, ["x1"])).discovered.size).toBe(0);
    expect((await verifyLedgerFrom(db, null)).ok).toBe(true);
  });
});
