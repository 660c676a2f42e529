import "server-only";
/**
 * The gateway's usage records as the console shows them. Every query names the
 * account, so one account never reads another's, and each one walks an index:
 * the list's facts go through `(account, at)` for the last 24 h plus the registry
 * (which keeps each token's last use past the records' retention); a token's view
 * reads its totals, operations, addresses and whole days from usage_daily (the
 * records rolled up per day by triggers: a busy token's view must not scan its
 * every record), and its last 48 hours, today, latest orders and refusals from the
 * records through `(account, user_token_id, at)` and two partial indexes.
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
import { sqlRows } from "@/lib/jobs/sql-rows";

const DAY = 86_400_000;
const iso = (v: Date | string) => new Date(v).toISOString();
const channel = (v: string): UsageChannel => (v === "mcp" ? "mcp" : "rest");

const OK = sql`refusal is null and status between 200 and 299`;
const FAILED = sql`refusal is null and status not between 200 and 299`;
const REFUSED = sql`refusal is not null`;
const outcomeCounts = sql`count(*) filter (where ${OK})::int as ok, count(*) filter (where ${FAILED})::int as failed, count(*) filter (where ${REFUSED})::int as refused`;

type CountsRow = { ok: number; failed: number; refused: number };
const counts = (r: CountsRow): OutcomeCounts => ({ ok: Number(r.ok), failed: Number(r.failed), refused: Number(r.refused) });

/** Per token of the account: last used, calls in the 24 h before `now`, gateway-only. One statement. */
export async function usageFactsFor(db: LedgerDb, account: string, now: number): Promise<Map<string, TokenUsageFacts>> {
  const since = new Date(now - DAY);
  const rows = await sqlRows<{ id: string; gateway_only: boolean | null; agent_ips: string[] | null; last_used: Date | string | null; calls: number }>(
    db,
    sql`select coalesce(g.user_token_id, r.user_token_id)::text as id, g.gateway_only, g.agent_ips,
          greatest(g.last_used_at, r.last_at) as last_used, coalesce(r.calls, 0)::int as calls
        from (select user_token_id, gateway_only, agent_ips, last_used_at from gateway_tokens where account = ${account}) g
        full join (
          select user_token_id, max(at) as last_at, count(*)::int as calls from usage_records
          where account = ${account} and at > ${since} and at <= ${new Date(now)}
          group by user_token_id
        ) r on r.user_token_id = g.user_token_id`,
  );
  return new Map(
    rows.map((r) => [r.id, { lastUsedAt: r.last_used ? iso(r.last_used) : null, calls24h: Number(r.calls), gatewayOnly: r.gateway_only, agentIps: r.gateway_only ? (r.agent_ips ?? []) : [] }]),
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
  const hourFrom = new Date(bucketStart(now, "hour") - (HOURLY_BUCKETS - 1) * 3_600_000);
  const today = new Date(bucketStart(now, "day"));
  const dayFrom = new Date(today.getTime() - (DAILY_BUCKETS - 1) * DAY);
  const sums = sql`sum(ok)::int as ok, sum(failed)::int as failed, sum(refused)::int as refused`;
  const summaryQ = sqlRows<CountsRow & { last_at: Date | string | null }>(db, sql`select max(last_at) as last_at, ${sums} from usage_daily where ${mine}`);
  const registryQ = sqlRows<{ gateway_only: boolean; last_used_at: Date | string | null }>(
    db,
    sql`select gateway_only, last_used_at from gateway_tokens where ${mine}`,
  );
  const hourlyQ = sqlRows<CountsRow & { start: number }>(
    db,
    sql`select (extract(epoch from date_trunc('hour', at, 'UTC')) * 1000)::float8 as start, ${outcomeCounts}
        from usage_records where ${mine} and at >= ${hourFrom} and at <= ${end} group by 1`,
  );
  // Whole days from the roll-up; today, which ends at `now`, from the records.
  const dailyQ = sqlRows<CountsRow & { start: number }>(
    db,
    sql`select (extract(epoch from day) * 1000)::float8 as start, ${sums} from usage_daily
        where ${mine} and day >= ${dayFrom} and day < ${today} group by day
        union all
        select ${today.getTime()}::float8, ${outcomeCounts} from usage_records where ${mine} and at >= ${today} and at <= ${end}`,
  );
  const operationsQ = sqlRows<{ operation_id: string; via: string; calls: number; last_at: Date | string }>(
    db,
    sql`select operation_id, via, sum(ok + failed + refused)::int as calls, max(last_at) as last_at from usage_daily where ${mine}
        group by operation_id, via order by calls desc, operation_id, via limit ${LATEST_ROWS}`,
  );
  const addressesQ = sqlRows<{ client_address: string; calls: number; last_at: Date | string }>(
    db,
    sql`select client_address, sum(ok + failed + refused)::int as calls, max(last_at) as last_at from usage_daily where ${mine}
        group by client_address order by last_at desc, client_address limit ${LATEST_ROWS}`,
  );
  const ordersQ = sqlRows<{
    at: Date | string; operation_id: string; environment: string; instrument: string | null; side: string | null;
    amount: number | null; units: number | null; leverage: number | null; status: number;
    order_id: string | null; position_id: string | null; request_id: string; via: string;
  }>(
    db,
    sql`select at, operation_id, environment, instrument, side, amount, units, leverage, status, order_id, position_id, request_id, via
        from usage_records where ${mine} and write and refusal is null order by at desc, id desc limit ${LATEST_ROWS}`,
  );
  const refusalsQ = sqlRows<{ at: Date | string; operation_id: string; refusal: string; client_address: string; request_id: string; via: string }>(
    db,
    sql`select at, operation_id, refusal, client_address, request_id, via
        from usage_records where ${mine} and refusal is not null order by at desc, id desc limit ${LATEST_ROWS}`,
  );
  const [summary, registry, hourly, daily, operations, addresses, orders, refusals] = await Promise.all([
    summaryQ, registryQ, hourlyQ, dailyQ, operationsQ, addressesQ, ordersQ, refusalsQ,
  ]);
  const byStart = (rows: (CountsRow & { start: number })[]) => new Map(rows.map((r) => [Number(r.start), counts(r)]));
  const lastFromRecords = summary[0]?.last_at ? Date.parse(iso(summary[0].last_at)) : null;
  const lastFromRegistry = registry[0]?.last_used_at ? Date.parse(iso(registry[0].last_used_at)) : null;
  const lastUsed = Math.max(lastFromRecords ?? -Infinity, lastFromRegistry ?? -Infinity);
  return {
    ...token,
    gatewayOnly: registry[0]?.gateway_only ?? null,
    lastUsedAt: Number.isFinite(lastUsed) ? new Date(lastUsed).toISOString() : null,
    totals: summary[0] ? counts(summary[0]) : { ok: 0, failed: 0, refused: 0 },
    hourly: fillBuckets(byStart(hourly), now, "hour", HOURLY_BUCKETS),
    daily: fillBuckets(byStart(daily), now, "day", DAILY_BUCKETS),
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
