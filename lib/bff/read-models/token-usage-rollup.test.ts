/**
 * A token's usage view reads usage_daily (kept by triggers) where it once scanned
 * every record: on random records, pruned and deleted at random, it gives the same
 * answer as the scan (`fromRecords`, the earlier implementation, kept here as the
 * reference), on both backends. Records are never updated (the database refuses).
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeEach, expect, it } from "vitest";
import type { LedgerDb } from "@/lib/db/open";
import { usageRecords } from "@/lib/db/schema";
import { describeEachBackend } from "@/lib/db/test-backends";
import { DAILY_BUCKETS, HOURLY_BUCKETS, LATEST_ROWS, bucketStart, fillBuckets, type TokenUsage } from "@/lib/domain/token-usage";
import { pruneUsage } from "@/lib/gateway/usage-store";
import { sqlRows } from "@/lib/jobs/sql-rows";
import { tokenUsage } from "./token-usage";

const NOW = Date.parse("2026-03-10T12:30:00Z");
const DAY = 86_400_000;
const T1 = "00000000-0000-4000-8000-000000000001";
const T2 = "00000000-0000-4000-8000-000000000002";
const P = "00000000-0000-4000-8000-0000000000aa";
const named = { userTokenId: T1, userTokenName: "t", agentPortfolioId: P, agentPortfolioName: null };
const iso = (v: Date | string) => new Date(v).toISOString();

type CountsRow = { ok: number; failed: number; refused: number };
const counts = (r: CountsRow) => ({ ok: Number(r.ok), failed: Number(r.failed), refused: Number(r.refused) });
const OK = sql`refusal is null and status between 200 and 299`;
const FAILED = sql`refusal is null and status not between 200 and 299`;
const REFUSED = sql`refusal is not null`;
const outcomeCounts = sql`count(*) filter (where ${OK})::int as ok, count(*) filter (where ${FAILED})::int as failed, count(*) filter (where ${REFUSED})::int as refused`;

/** The view as the records alone say it: every figure a scan of the token's records. */
async function fromRecords(db: LedgerDb, account: string, now: number): Promise<Omit<TokenUsage, "gatewayOnly" | "boundaries" | "budget">> {
  const mine = sql`account = ${account} and user_token_id = ${T1}`;
  const end = new Date(now);
  const bucketed = (unit: "hour" | "day", from: Date) =>
    sqlRows<CountsRow & { start: number }>(
      db,
      sql`select (extract(epoch from date_trunc(${sql.raw(`'${unit}'`)}, at, 'UTC')) * 1000)::float8 as start, ${outcomeCounts}
          from usage_records where ${mine} and at >= ${from} and at <= ${end} group by 1`,
    );
  const [summary] = await sqlRows<CountsRow & { last_at: Date | string | null }>(db, sql`select max(at) as last_at, ${outcomeCounts} from usage_records where ${mine}`);
  const hourly = await bucketed("hour", new Date(bucketStart(now, "hour") - (HOURLY_BUCKETS - 1) * 3_600_000));
  const daily = await bucketed("day", new Date(bucketStart(now, "day") - (DAILY_BUCKETS - 1) * DAY));
  const operations = await sqlRows<{ operation_id: string; via: string; calls: number; last_at: Date | string }>(
    db,
    sql`select operation_id, via, count(*)::int as calls, max(at) as last_at from usage_records where ${mine} group by operation_id, via order by calls desc, operation_id, via limit ${LATEST_ROWS}`,
  );
  const addresses = await sqlRows<{ client_address: string; calls: number; last_at: Date | string }>(
    db,
    sql`select client_address, count(*)::int as calls, max(at) as last_at from usage_records where ${mine} group by client_address order by last_at desc limit ${LATEST_ROWS}`,
  );
  const orders = await sqlRows<{ request_id: string }>(db, sql`select request_id from usage_records where ${mine} and write and refusal is null order by at desc limit ${LATEST_ROWS}`);
  const refusals = await sqlRows<{ request_id: string }>(db, sql`select request_id from usage_records where ${mine} and refusal is not null order by at desc limit ${LATEST_ROWS}`);
  const byStart = (rows: (CountsRow & { start: number })[]) => new Map(rows.map((r) => [Number(r.start), counts(r)]));
  return {
    ...named,
    lastUsedAt: summary?.last_at ? iso(summary.last_at) : null,
    totals: counts(summary),
    hourly: fillBuckets(byStart(hourly), now, "hour", HOURLY_BUCKETS),
    daily: fillBuckets(byStart(daily), now, "day", DAILY_BUCKETS),
    operations: operations.map((r) => ({ operationId: r.operation_id, via: r.via as "rest" | "mcp", calls: Number(r.calls), lastAt: iso(r.last_at) })),
    addresses: addresses.map((r) => ({ address: r.client_address, calls: Number(r.calls), lastAt: iso(r.last_at) })),
    // Compared by request id: the columns are read the same way by both.
    orders: orders.map((r) => r.request_id) as unknown as TokenUsage["orders"],
    refusals: refusals.map((r) => r.request_id) as unknown as TokenUsage["refusals"],
    now: end.toISOString(),
  };
}

const recordArb = fc.record({
  // Distinct times (a set of minute offsets, below), so "latest first" has one answer.
  account: fc.constantFrom("alice", "alice", "alice", "bob"),
  token: fc.constantFrom(T1, T1, T2),
  operationId: fc.constantFrom("getRates", "getPortfolioDemo", "openMarketPositionByAmountDemo"),
  clientAddress: fc.constantFrom("10.0.0.1", "10.0.0.2", "::1"),
  status: fc.constantFrom(200, 201, 204, 400, 429, 500),
  refusal: fc.constantFrom(null, null, null, "frozen", "agent-ip"),
  write: fc.boolean(),
});
const scenario = fc.record({
  // Minutes before NOW: up to 45 days back, and a few after NOW (another instance's clock).
  minutes: fc.uniqueArray(fc.integer({ min: -90, max: 45 * 24 * 60 }), { minLength: 0, maxLength: 120 }),
  records: fc.array(recordArb, { minLength: 120, maxLength: 120 }),
  retentionDays: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
  deleteEvery: fc.option(fc.integer({ min: 2, max: 7 }), { nil: null }),
});

describeEachBackend("token usage from the daily roll-up", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate usage_records, gateway_tokens`);
  });

  it("answers as a scan of the records would, after inserts, pruning and deletes", async () => {
    const { db } = get();
    await fc.assert(
      fc.asyncProperty(scenario, async ({ minutes, records, retentionDays, deleteEvery }) => {
        await db.execute(sql`truncate usage_records`);
        const rows = minutes.map((m, i) => ({
          at: new Date(NOW - m * 60_000 - (i % 60) * 1000),
          account: records[i].account,
          userTokenId: records[i].token,
          agentPortfolioId: P,
          operationId: records[i].operationId,
          environment: "demo",
          write: records[i].write,
          status: records[i].refusal ? 403 : records[i].status,
          latencyMs: 3,
          requestId: `r-${i}`,
          clientAddress: records[i].clientAddress,
          refusal: records[i].refusal,
        }));
        // In two statements, as two usage batches would be.
        const half = Math.floor(rows.length / 2);
        if (half > 0) await db.insert(usageRecords).values(rows.slice(0, half));
        if (rows.length > half) await db.insert(usageRecords).values(rows.slice(half));
        if (retentionDays !== null) await pruneUsage(db, retentionDays, new Date(NOW));
        if (deleteEvery !== null) await db.execute(sql`delete from usage_records where id % ${deleteEvery} = 0`);

        const expected = await fromRecords(db, "alice", NOW);
        const actual = await tokenUsage(db, "alice", named, NOW);
        expect({
          ...actual,
          gatewayOnly: undefined,
          boundaries: undefined,
          budget: undefined,
          orders: actual.orders.map((o) => o.requestId),
          refusals: actual.refusals.map((r) => r.requestId),
        }).toEqual({ ...expected, gatewayOnly: undefined, boundaries: undefined, budget: undefined });
      }),
      { numRuns: 30 },
    );
  });

  it("refuses to change a record, which would leave the roll-up behind", async () => {
    const { db } = get();
    await db.insert(usageRecords).values({ at: new Date(NOW), account: "alice", userTokenId: T1, agentPortfolioId: P, operationId: "getRates", environment: "none", write: false, status: 200, latencyMs: 1, requestId: "r", clientAddress: "10.0.0.1" });
    await expect(db.execute(sql`update usage_records set status = 500`)).rejects.toThrow();
    const [row] = await sqlRows<{ ok: number }>(db, sql`select sum(ok)::int as ok from usage_daily`);
    expect(Number(row.ok)).toBe(1);
  });
});
