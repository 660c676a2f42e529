import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "@/lib/db/test-backends";
import { gatewayTokens, usageRecords } from "@/lib/db/schema";
import type { LedgerDb } from "@/lib/db/open";
import { registeredToken, tokenUsage, usageFactsFor } from "./token-usage";

const NOW = Date.parse("2026-03-10T12:30:00Z");
const HOUR = 3_600_000;
const T1 = "00000000-0000-4000-8000-000000000001";
const T2 = "00000000-0000-4000-8000-000000000002";
const BOB_T = "00000000-0000-4000-8000-000000000003";
const P = "00000000-0000-4000-8000-0000000000aa";

type Usage = Partial<typeof usageRecords.$inferInsert> & { at: Date };
function record(fields: Usage): typeof usageRecords.$inferInsert {
  return {
    account: "alice",
    userTokenId: T1,
    agentPortfolioId: P,
    operationId: "getPortfolioDemo",
    environment: "demo",
    write: false,
    status: 200,
    latencyMs: 12,
    requestId: "r",
    clientAddress: "10.0.0.1",
    ...fields,
  };
}
async function insert(db: LedgerDb, rows: Usage[]) {
  await db.insert(usageRecords).values(rows.map(record));
}
const named = { userTokenId: T1, userTokenName: "live-trader", agentPortfolioId: P, agentPortfolioName: "Alpha01" };

describeEachBackend("token usage read models", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate usage_records, gateway_tokens`);
  });

  it("gives each token of the account its last use and its calls of the last 24 h, never another account's", async () => {
    const { db } = get();
    await db.insert(gatewayTokens).values([
      { userTokenId: T1, lookupKey: "k1", account: "alice", agentPortfolioId: P, userTokenName: "live-trader", gatewayOnly: true, agentIps: ["203.0.113.9"], lastUsedAt: new Date(NOW - 40 * 24 * HOUR) },
      { userTokenId: T2, lookupKey: "k2", account: "alice", agentPortfolioId: P, userTokenName: "idle" },
      { userTokenId: BOB_T, lookupKey: "k3", account: "bob", agentPortfolioId: P, userTokenName: "bobs", gatewayOnly: true },
    ]);
    await insert(db, [
      { at: new Date(NOW - 2 * HOUR) },
      { at: new Date(NOW - 23 * HOUR) },
      { at: new Date(NOW - 25 * HOUR) }, // outside the 24 h
      { at: new Date(NOW - HOUR), account: "bob", userTokenId: BOB_T },
    ]);
    const facts = await usageFactsFor(db, "alice", NOW);
    expect(Object.fromEntries(facts)).toEqual({
      // A gateway-only token's own addresses ride along (the edit dialog shows them, not the gateway's).
      [T1]: { lastUsedAt: new Date(NOW - 2 * HOUR).toISOString(), calls24h: 2, gatewayOnly: true, agentIps: ["203.0.113.9"] },
      [T2]: { lastUsedAt: null, calls24h: 0, gatewayOnly: false, agentIps: [] },
    });
    expect(await registeredToken(db, "alice", BOB_T)).toBeNull();
    expect(await registeredToken(db, "bob", BOB_T)).toEqual({ userTokenName: "bobs", agentPortfolioId: P });
  });

  it("splits a token's calls by outcome into UTC hours and days, and lists operations (by door: REST or MCP), addresses, orders and refusals", async () => {
    const { db } = get();
    await insert(db, [
      { at: new Date(NOW - 10 * 60_000), status: 200 },
      { at: new Date(NOW - 20 * 60_000), status: 500 },
      { at: new Date(NOW - 25 * 60_000), status: 403, refusal: "address not allowed", clientAddress: "10.9.9.9", operationId: "openMarketPositionByAmountDemo", write: true },
      { at: new Date(NOW - 31 * 60_000), status: 201, write: true, operationId: "openMarketPositionByAmountDemo", instrument: "1001", side: "buy", amount: 250, leverage: 1, orderId: "o-1", via: "mcp" },
      { at: new Date(NOW - 3 * 24 * HOUR), status: 200 },
      { at: new Date(NOW - 3 * 24 * HOUR), status: 200, account: "bob", userTokenId: T1 }, // the same id under another account never counts
      { at: new Date(NOW - 40 * 24 * HOUR), status: 200 }, // before the 30 days, still in the totals
    ]);
    const u = await tokenUsage(db, "alice", named, NOW);
    expect(u.totals).toEqual({ ok: 4, failed: 1, refused: 1 });
    expect(u.lastUsedAt).toBe(new Date(NOW - 10 * 60_000).toISOString());
    expect(u.hourly).toHaveLength(48);
    expect(u.hourly.at(-1)).toEqual({ at: "2026-03-10T12:00:00.000Z", ok: 1, failed: 1, refused: 1 });
    expect(u.hourly.at(-2)).toEqual({ at: "2026-03-10T11:00:00.000Z", ok: 1, failed: 0, refused: 0 });
    expect(u.hourly[0].at).toBe("2026-03-08T13:00:00.000Z");
    expect(u.daily).toHaveLength(30);
    expect(u.daily.at(-1)).toEqual({ at: "2026-03-10T00:00:00.000Z", ok: 2, failed: 1, refused: 1 });
    expect(u.daily.find((d) => d.at === "2026-03-07T00:00:00.000Z")).toMatchObject({ ok: 1 });
    expect(u.daily.reduce((n, d) => n + d.ok + d.failed + d.refused, 0)).toBe(5);
    expect(u.operations).toEqual([
      { operationId: "getPortfolioDemo", via: "rest", calls: 4, lastAt: new Date(NOW - 10 * 60_000).toISOString() },
      { operationId: "openMarketPositionByAmountDemo", via: "mcp", calls: 1, lastAt: new Date(NOW - 31 * 60_000).toISOString() },
      { operationId: "openMarketPositionByAmountDemo", via: "rest", calls: 1, lastAt: new Date(NOW - 25 * 60_000).toISOString() },
    ]);
    expect(u.addresses.map((a) => [a.address, a.calls])).toEqual([["10.0.0.1", 5], ["10.9.9.9", 1]]);
    expect(u.orders).toEqual([expect.objectContaining({ instrument: "1001", side: "buy", amount: 250, orderId: "o-1", status: 201, via: "mcp" })]);
    expect(u.refusals).toEqual([expect.objectContaining({ reason: "address not allowed", clientAddress: "10.9.9.9", via: "rest" })]);
  });

  it("an order held for a person (the gateway's 202) is not listed as placed; its approved retry is", async () => {
    const { db } = get();
    const order = { write: true, operationId: "openMarketPositionByAmountDemo", instrument: "1001", side: "buy", amount: 300, leverage: 1 };
    await insert(db, [
      { at: new Date(NOW - 5 * 60_000), status: 202, ...order },
      { at: new Date(NOW - 2 * 60_000), status: 200, orderId: "o-held-then-approved", ...order },
    ]);
    const u = await tokenUsage(db, "alice", named, NOW);
    expect(u.orders.map((o) => [o.status, o.orderId])).toEqual([[200, "o-held-then-approved"]]);
  });

  it("an unused token has an empty view, every bucket zero", async () => {
    const u = await tokenUsage(get().db, "alice", named, NOW);
    expect(u).toMatchObject({ lastUsedAt: null, gatewayOnly: null, totals: { ok: 0, failed: 0, refused: 0 }, operations: [], orders: [], refusals: [] });
    expect(u.daily.every((d) => d.ok + d.failed + d.refused === 0)).toBe(true);
  });
});
