/**
 * A token's usage view and /tokens' Last used + Calls 24h read usage_hourly and
 * usage_totals (kept by triggers) where they once scanned the records: on random
 * records, pruned and deleted at random, read at random moments (hour boundaries and
 * records on the window's edges included), they give the same answer as the scans
 * (`fromRecords` and `factsFromRecords`, the earlier implementations, kept here as the
 * references), on both backends, and each roll-up equals the records grouped afresh.
 * Records are never updated (the database refuses).
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeEach, expect, it } from "vitest";
import type { LedgerDb } from "@/lib/db/open";
import { gatewayTokens, usageRecords } from "@/lib/db/schema";
import { describeEachBackend } from "@/lib/db/test-backends";
import { DAILY_BUCKETS, HOURLY_BUCKETS, LATEST_ROWS, bucketStart, fillBuckets, type TokenUsage, type TokenUsageFacts } from "@/lib/domain/token-usage";
import { pruneUsage } from "@/lib/gateway/usage-store";
import { sqlRows } from "@/lib/jobs/sql-rows";
import { tokenUsage, usageFactsFor } from "./token-usage";

const NOW = Date.parse("2026-03-10T12:30:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
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
  const orders = await sqlRows<{ request_id: string }>(db, sql`select request_id from usage_records where ${mine} and write and refusal is null and status <> 202 order by at desc limit ${LATEST_ROWS}`);
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

/** The list's facts as the records alone say them: the account's last 24 h grouped per token. */
async function factsFromRecords(db: LedgerDb, account: string, now: number): Promise<Map<string, TokenUsageFacts>> {
  const rows = await sqlRows<{ id: string; gateway_only: boolean | null; agent_ips: string[] | null; last_used: Date | string | null; calls: number }>(
    db,
    sql`select coalesce(g.user_token_id, r.user_token_id)::text as id, g.gateway_only, g.agent_ips,
          greatest(g.last_used_at, r.last_at) as last_used, coalesce(r.calls, 0)::int as calls
        from (select user_token_id, gateway_only, agent_ips, last_used_at from gateway_tokens where account = ${account}) g
        full join (
          select user_token_id, max(at) as last_at, count(*)::int as calls from usage_records
          where account = ${account} and at > ${new Date(now - DAY)} and at <= ${new Date(now)}
          group by user_token_id
        ) r on r.user_token_id = g.user_token_id`,
  );
  return new Map(
    rows.map((r) => [r.id, { lastUsedAt: r.last_used ? iso(r.last_used) : null, calls24h: Number(r.calls), gatewayOnly: r.gateway_only, agentIps: r.gateway_only ? (r.agent_ips ?? []) : [] }]),
  );
}

/** Each roll-up as its rows say it, and as the records grouped afresh say it. */
async function rollUps(db: LedgerDb) {
  const outcomes = `count(*) filter (where refusal is null and status between 200 and 299)::int as ok,
    count(*) filter (where refusal is null and status not between 200 and 299)::int as failed,
    count(*) filter (where refusal is not null)::int as refused, (extract(epoch from max(at)) * 1000)::float8 as last_at`;
  const stored = "ok, failed, refused, (extract(epoch from last_at) * 1000)::float8 as last_at";
  const hour = "(extract(epoch from hour) * 1000)::float8 as hour";
  const groups = "operation_id, client_address, via";
  return {
    hourly: await sqlRows(db, sql.raw(`select account, user_token_id::text, ${hour}, ${stored} from usage_hourly order by 1, 2, 3`)),
    hourlyFromRecords: await sqlRows(
      db,
      sql.raw(`select account, user_token_id::text, (extract(epoch from date_trunc('hour', at, 'UTC')) * 1000)::float8 as hour, ${outcomes}
               from usage_records group by 1, 2, 3 order by 1, 2, 3`),
    ),
    totals: await sqlRows(db, sql.raw(`select account, user_token_id::text, ${groups}, ${stored} from usage_totals order by 1, 2, 3, 4, 5`)),
    totalsFromRecords: await sqlRows(db, sql.raw(`select account, user_token_id::text, ${groups}, ${outcomes} from usage_records group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`)),
  };
}

const recordArb = fc.record({
  // Distinct times (a set of minute offsets, below), so "latest first" has one answer.
  account: fc.constantFrom("alice", "alice", "alice", "bob"),
  token: fc.constantFrom(T1, T1, T2),
  operationId: fc.constantFrom("getRates", "getPortfolioDemo", "openMarketPositionByAmountDemo"),
  clientAddress: fc.constantFrom("10.0.0.1", "10.0.0.2", "::1"),
  via: fc.constantFrom("rest", "rest", "mcp"),
  status: fc.constantFrom(200, 201, 204, 400, 429, 500),
  refusal: fc.constantFrom(null, null, null, "frozen", "agent-ip"),
  write: fc.boolean(),
});
/** Where the list's 24 h and the view's current hour begin and end, relative to the moment read: records are put on them and a millisecond either side. */
const edgesOf = (now: number) => {
  const hourNow = bucketStart(now, "hour");
  return [now, now - DAY, hourNow, hourNow - 23 * HOUR, bucketStart(now, "day")].flatMap((t) => [t - 1, t, t + 1]);
};
const EDGES = edgesOf(NOW).length;

const scenario = fc.record({
  // Minutes before NOW: up to 45 days back, and a few after NOW (another instance's clock).
  minutes: fc.uniqueArray(fc.integer({ min: -90, max: 45 * 24 * 60 }), { minLength: 0, maxLength: 120 }),
  records: fc.array(recordArb, { minLength: 120 + EDGES, maxLength: 120 + EDGES }),
  // Which of the edges get a record.
  edges: fc.subarray(Array.from({ length: EDGES }, (_, i) => i)),
  // The moment read, around NOW: often on an hour's or a day's start, or a millisecond off it.
  shift: fc.oneof(
    fc.integer({ min: -3 * HOUR, max: 3 * HOUR }),
    fc.constantFrom(-30 * 60_000, 30 * 60_000, -30 * 60_000 - 1, -30 * 60_000 + 1, -12.5 * HOUR, -12.5 * HOUR - 1, 0),
  ),
  // What the registry says of the account's busy token (the other one it does not know).
  lastUsedDaysAgo: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  retentionDays: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
  deleteEvery: fc.option(fc.integer({ min: 2, max: 7 }), { nil: null }),
});

describeEachBackend("token usage from the hourly and total roll-ups", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate usage_records, gateway_tokens`);
  });

  it("answers as a scan of the records would, after inserts, pruning and deletes", async () => {
    const { db } = get();
    await fc.assert(
      fc.asyncProperty(scenario, async ({ minutes, records, edges, shift, lastUsedDaysAgo, retentionDays, deleteEvery }) => {
        await db.execute(sql`truncate usage_records, gateway_tokens`);
        const now = NOW + shift;
        const times = minutes.map((m, i) => NOW - m * 60_000 - (i % 60) * 1000);
        // Distinct times, so "latest first" has one answer.
        const taken = new Set(times);
        for (const t of edges.map((e) => edgesOf(now)[e])) {
          if (taken.has(t)) continue;
          taken.add(t);
          times.push(t);
        }
        const rows = times.map((t, i) => ({
          at: new Date(t),
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
          via: records[i].via,
          refusal: records[i].refusal,
        }));
        await db.insert(gatewayTokens).values({
          userTokenId: T1, lookupKey: "k1", account: "alice", agentPortfolioId: P, userTokenName: "t", gatewayOnly: true, agentIps: ["203.0.113.9"],
          lastUsedAt: lastUsedDaysAgo === null ? null : new Date(NOW - lastUsedDaysAgo * DAY),
        });
        // In two statements, as two usage batches would be.
        const half = Math.floor(rows.length / 2);
        if (half > 0) await db.insert(usageRecords).values(rows.slice(0, half));
        if (rows.length > half) await db.insert(usageRecords).values(rows.slice(half));
        if (retentionDays !== null) await pruneUsage(db, retentionDays, new Date(NOW));
        if (deleteEvery !== null) await db.execute(sql`delete from usage_records where id % ${deleteEvery} = 0`);

        const expected = await fromRecords(db, "alice", now);
        const actual = await tokenUsage(db, "alice", named, now);
        expect({
          ...actual,
          gatewayOnly: undefined,
          boundaries: undefined,
          budget: undefined,
          lastUsedAt: undefined,
          orders: actual.orders.map((o) => o.requestId),
          refusals: actual.refusals.map((r) => r.requestId),
        }).toEqual({ ...expected, gatewayOnly: undefined, boundaries: undefined, budget: undefined, lastUsedAt: undefined });
        // The view's last use is the later of the records' and the registry's.
        const registry = lastUsedDaysAgo === null ? null : NOW - lastUsedDaysAgo * DAY;
        const latest = Math.max(expected.lastUsedAt ? Date.parse(expected.lastUsedAt) : -Infinity, registry ?? -Infinity);
        expect(actual.lastUsedAt).toBe(Number.isFinite(latest) ? new Date(latest).toISOString() : null);
        for (const account of ["alice", "bob"]) {
          expect(Object.fromEntries(await usageFactsFor(db, account, now))).toEqual(Object.fromEntries(await factsFromRecords(db, account, now)));
        }
        const r = await rollUps(db);
        expect(r.hourly).toEqual(r.hourlyFromRecords);
        expect(r.totals).toEqual(r.totalsFromRecords);
      }),
      { numRuns: 30 },
    );
  }, 90_000); // thirty random histories against a scan: seconds each on a loaded machine

  it("refuses to change a record, which would leave the roll-up behind", async () => {
    const { db } = get();
    await db.insert(usageRecords).values({ at: new Date(NOW), account: "alice", userTokenId: T1, agentPortfolioId: P, operationId: "getRates", environment: "none", write: false, status: 200, latencyMs: 1, requestId: "r", clientAddress: "10.0.0.1" });
    await expect(db.execute(sql`update usage_records set status = 500`)).rejects.toThrow();
    const [row] = await sqlRows<{ hourly: number; totals: number }>(db, sql`select (select sum(ok) from usage_hourly)::int as hourly, (select sum(ok) from usage_totals)::int as totals`);
    expect([Number(row.hourly), Number(row.totals)]).toEqual([1, 1]);
  });
});
