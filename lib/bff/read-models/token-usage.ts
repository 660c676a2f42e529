import "server-only";
/**
 * The gateway's usage records as the console shows them. Every query names the
 * account, so one account never reads another's, and none counts through a busy
 * token's or account's records: usage_hourly (per token and UTC hour) and
 * usage_totals (per token, operation, address and channel), kept by triggers, answer
 * every whole hour and every total. Only the hour still running is read from the
 * records (and, for the list's 24 h, the end of the hour that began 24 h ago: an hour
 * of records in all), through `(account, at)` or `(account, user_token_id, at)`; the
 * latest orders and refusals come newest first through two partial indexes.
 */
import { sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import {
  DAILY_BUCKETS,
  HOURLY_BUCKETS,
  LATEST_ROWS,
  bucketStart,
  fillBuckets,
  type OutcomeCounts,
  type TokenUsage,
  type TokenUsageFacts,
  type UsageChannel,
} from "@/lib/domain/token-usage";
import { HELD_FOR_APPROVAL_STATUS } from "@/lib/boundaries/admission";
import { sqlRows } from "@/lib/jobs/sql-rows";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (v: Date | string) => new Date(v).toISOString();
const channel = (v: string): UsageChannel => (v === "mcp" ? "mcp" : "rest");

const OK = sql`refusal is null and status between 200 and 299`;
const FAILED = sql`refusal is null and status not between 200 and 299`;
const REFUSED = sql`refusal is not null`;
const outcomeCounts = sql`count(*) filter (where ${OK})::int as ok, count(*) filter (where ${FAILED})::int as failed, count(*) filter (where ${REFUSED})::int as refused`;

type CountsRow = { ok: number; failed: number; refused: number };
const counts = (r: CountsRow): OutcomeCounts => ({ ok: Number(r.ok), failed: Number(r.failed), refused: Number(r.refused) });

/** A token's facts as the list's statement hands them over: id, gateway-only, agent addresses, last use (epoch ms), calls. */
type FactsRow = [id: string, gatewayOnly: boolean | null, agentIps: string[] | null, lastUsed: number | null, calls: number];

/**
 * Per token of the account: last used, calls in the 24 h before `now` (exactly: records
 * with `now - 24 h < at <= now`), gateway-only. One statement. The window is 23 whole
 * UTC hours from usage_hourly plus its two ends from the records: the hour running
 * now up to `now`, and the end of the hour that started before `now - 24 h`.
 *
 * The answer comes back as one JSON text rather than a row per token: PGlite hands
 * every field of a result over to JavaScript one by one (~3 µs a field), which for an
 * account's 1,000 tokens cost more than the query itself.
 */
export async function usageFactsFor(db: LedgerDb, account: string, now: number): Promise<Map<string, TokenUsageFacts>> {
  const since = new Date(now - DAY);
  const hourNow = new Date(bucketStart(now, "hour"));
  const wholeFrom = new Date(hourNow.getTime() - 23 * HOUR);
  const [row] = await sqlRows<{ facts: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(
            coalesce(g.user_token_id, r.user_token_id), g.gateway_only, case when g.gateway_only then g.agent_ips end,
            (extract(epoch from greatest(g.last_used_at, r.last_at)) * 1000)::float8, coalesce(r.calls, 0)
          )), '[]')::text as facts
        from (select user_token_id, gateway_only, agent_ips, last_used_at from gateway_tokens where account = ${account}) g
        full join (
          select user_token_id, max(last_at) as last_at, sum(calls)::int as calls from (
            select user_token_id, last_at, ok + failed + refused as calls from usage_hourly
            where account = ${account} and hour >= ${wholeFrom} and hour < ${hourNow}
            union all
            select user_token_id, at, 1 from usage_records where account = ${account} and at > ${since} and at < ${wholeFrom}
            union all
            select user_token_id, at, 1 from usage_records where account = ${account} and at >= ${hourNow} and at <= ${new Date(now)}
          ) u
          group by user_token_id
        ) r on r.user_token_id = g.user_token_id`,
  );
  const facts = JSON.parse(row.facts) as FactsRow[];
  return new Map(
    facts.map(([id, gatewayOnly, agentIps, lastUsed, calls]) => [
      id,
      { lastUsedAt: lastUsed === null ? null : new Date(lastUsed).toISOString(), calls24h: Number(calls), gatewayOnly, agentIps: gatewayOnly ? (agentIps ?? []) : [] },
    ]),
  );
}

/** What the registry knows of a token of this account, or null: a token of another account is not found. */
export async function registeredToken(
  db: LedgerDb,
  account: string,
  tokenId: string,
): Promise<{ userTokenName: string; agentPortfolioId: string } | null> {
  const [row] = await sqlRows<{ user_token_name: string; agent_portfolio_id: string }>(
    db,
    sql`select user_token_name, agent_portfolio_id::text from gateway_tokens where account = ${account} and user_token_id = ${tokenId}`,
  );
  return row ? { userTokenName: row.user_token_name, agentPortfolioId: row.agent_portfolio_id } : null;
}

type Named = Pick<TokenUsage, "userTokenId" | "userTokenName" | "agentPortfolioId" | "agentPortfolioName">;

/** One token's usage view, as of `now`. The caller has checked the token is the account's. */
export async function tokenUsage(db: LedgerDb, account: string, token: Named, now: number): Promise<Omit<TokenUsage, "boundaries" | "budget">> {
  const id = token.userTokenId;
  const mine = sql`account = ${account} and user_token_id = ${id}`;
  const end = new Date(now);
  const hourNow = new Date(bucketStart(now, "hour"));
  const hourFrom = new Date(hourNow.getTime() - (HOURLY_BUCKETS - 1) * HOUR);
  const today = new Date(bucketStart(now, "day"));
  const dayFrom = new Date(today.getTime() - (DAILY_BUCKETS - 1) * DAY);
  const sums = sql`sum(ok)::int as ok, sum(failed)::int as failed, sum(refused)::int as refused`;
  const summaryQ = sqlRows<CountsRow & { last_at: Date | string | null }>(db, sql`select max(last_at) as last_at, ${sums} from usage_totals where ${mine}`);
  const registryQ = sqlRows<{ gateway_only: boolean; last_used_at: Date | string | null }>(
    db,
    sql`select gateway_only, last_used_at from gateway_tokens where ${mine}`,
  );
  // Whole hours, and whole days as the sum of their hours, from the roll-up; the hour
  // running now, which ends at `now`, from the records (it counts in today too).
  const hourlyQ = sqlRows<CountsRow & { start: number }>(
    db,
    sql`select (extract(epoch from hour) * 1000)::float8 as start, ok, failed, refused from usage_hourly
        where ${mine} and hour >= ${hourFrom} and hour < ${hourNow}`,
  );
  const dailyQ = sqlRows<CountsRow & { start: number }>(
    db,
    sql`select (extract(epoch from date_trunc('day', hour, 'UTC')) * 1000)::float8 as start, ${sums} from usage_hourly
        where ${mine} and hour >= ${dayFrom} and hour < ${hourNow} group by 1`,
  );
  const currentQ = sqlRows<CountsRow>(db, sql`select ${outcomeCounts} from usage_records where ${mine} and at >= ${hourNow} and at <= ${end}`);
  const operationsQ = sqlRows<{ operation_id: string; via: string; calls: number; last_at: Date | string }>(
    db,
    sql`select operation_id, via, sum(ok + failed + refused)::int as calls, max(last_at) as last_at from usage_totals where ${mine}
        group by operation_id, via order by calls desc, operation_id, via limit ${LATEST_ROWS}`,
  );
  const addressesQ = sqlRows<{ client_address: string; calls: number; last_at: Date | string }>(
    db,
    sql`select client_address, sum(ok + failed + refused)::int as calls, max(last_at) as last_at from usage_totals where ${mine}
        group by client_address order by last_at desc, client_address limit ${LATEST_ROWS}`,
  );
  // An order held for a person is not placed (yet): its retry, once approved, is.
  const ordersQ = sqlRows<{
    at: Date | string; operation_id: string; environment: string; instrument: string | null; side: string | null;
    amount: number | null; units: number | null; leverage: number | null; status: number;
    order_id: string | null; position_id: string | null; request_id: string; via: string;
  }>(
    db,
    sql`select at, operation_id, environment, instrument, side, amount, units, leverage, status, order_id, position_id, request_id, via
        from usage_records where ${mine} and write and refusal is null and status <> ${HELD_FOR_APPROVAL_STATUS} order by at desc, id desc limit ${LATEST_ROWS}`,
  );
  const refusalsQ = sqlRows<{ at: Date | string; operation_id: string; refusal: string; client_address: string; request_id: string; via: string }>(
    db,
    sql`select at, operation_id, refusal, client_address, request_id, via
        from usage_records where ${mine} and refusal is not null order by at desc, id desc limit ${LATEST_ROWS}`,
  );
  const [summary, registry, hourly, daily, current, operations, addresses, orders, refusals] = await Promise.all([
    summaryQ, registryQ, hourlyQ, dailyQ, currentQ, operationsQ, addressesQ, ordersQ, refusalsQ,
  ]);
  const byStart = (rows: (CountsRow & { start: number })[]) => new Map(rows.map((r) => [Number(r.start), counts(r)]));
  const thisHour = current[0] ? counts(current[0]) : { ok: 0, failed: 0, refused: 0 };
  const hours = byStart(hourly).set(hourNow.getTime(), thisHour);
  const days = byStart(daily);
  const todaySoFar = days.get(today.getTime()) ?? { ok: 0, failed: 0, refused: 0 };
  days.set(today.getTime(), { ok: todaySoFar.ok + thisHour.ok, failed: todaySoFar.failed + thisHour.failed, refused: todaySoFar.refused + thisHour.refused });
  const lastFromRecords = summary[0]?.last_at ? Date.parse(iso(summary[0].last_at)) : null;
  const lastFromRegistry = registry[0]?.last_used_at ? Date.parse(iso(registry[0].last_used_at)) : null;
  const lastUsed = Math.max(lastFromRecords ?? -Infinity, lastFromRegistry ?? -Infinity);
  return {
    ...token,
    gatewayOnly: registry[0]?.gateway_only ?? null,
    lastUsedAt: Number.isFinite(lastUsed) ? new Date(lastUsed).toISOString() : null,
    totals: summary[0] ? counts(summary[0]) : { ok: 0, failed: 0, refused: 0 },
    hourly: fillBuckets(hours, now, "hour", HOURLY_BUCKETS),
    daily: fillBuckets(days, now, "day", DAILY_BUCKETS),
    operations: operations.map((r) => ({ operationId: r.operation_id, via: channel(r.via), calls: Number(r.calls), lastAt: iso(r.last_at) })),
    addresses: addresses.map((r) => ({ address: r.client_address, calls: Number(r.calls), lastAt: iso(r.last_at) })),
    orders: orders.map((r) => ({
      at: iso(r.at),
      operationId: r.operation_id,
      environment: r.environment,
      instrument: r.instrument,
      side: r.side,
      amount: r.amount,
      units: r.units,
      leverage: r.leverage,
      status: Number(r.status),
      orderId: r.order_id,
      positionId: r.position_id,
      requestId: r.request_id,
      via: channel(r.via),
    })),
    refusals: refusals.map((r) => ({ at: iso(r.at), operationId: r.operation_id, reason: r.refusal, clientAddress: r.client_address, requestId: r.request_id, via: channel(r.via) })),
    now: end.toISOString(),
  };
}
