/**
 * Where the gateway's usage records go (the batcher calls `write` off the
 * request path): one transaction per batch inserts the rows into usage_records,
 * moves each token's last_used_at forward and appends to the hash-chained
 * ledger every order that went upstream (gateway.order) and every refusal
 * (gateway.refusal), with an order.refused account event for each refused
 * write (the webhooks' outbox, lib/account-events/). All or nothing, so a batch retried after a failure never
 * leaves a row twice. Reads stay in usage_records only, kept
 * USAGE_RETENTION_DAYS (`pruneUsage`). Nothing written here holds a secret:
 * a record has none to give.
 *
 * What costs the thread that serves requests: building the rows and the ledger's
 * hashes (a turn of the event loop every few records, see also appendEvents), and,
 * on PGlite, nothing more: its statements run on the database's own thread
 * (lib/db/pglite-thread.ts). An order's ledger event is written with its usage
 * row, after the agent has its answer, so it shares the usage rows' crash window
 * (README: at most about a second); holding the answer until the event is written
 * would not close it (the order has reached eToro by then) and would add the
 * batch's wait to every order.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { copyRows } from "@/lib/db/copy-rows";
import type { LedgerDb } from "@/lib/db/open";
import { emitAccountEvents } from "@/lib/account-events/emit";
import type { AccountEvent } from "@/lib/account-events/types";
import { appendEvents } from "@/lib/ledger/append";
import type { LedgerEventInput } from "@/lib/ledger/event";
import type { RegisteredToken } from "./token-registry";
import type { UsageRecord } from "./usage-record";
import { refusalWords } from "@/lib/domain/refusal-words";

type TokenOf = (userTokenId: string) => RegisteredToken | null;

function ledgerEventOf(record: UsageRecord, token: RegisteredToken, at: Date): LedgerEventInput | null {
  const common = {
    id: randomUUID(),
    at,
    account: token.account,
    requestId: record.requestId,
    portfolioId: token.agentPortfolioId,
    tokenId: token.userTokenId,
    tokenName: token.userTokenName,
    clientIp: record.clientAddress,
  };
  if (record.refusal !== null) {
    return {
      ...common,
      action: "gateway.refusal",
      outcome: "error",
      errorCode: record.refusal,
      after: { operationId: record.operationId, status: record.status, ...(record.boundary ? { boundary: record.boundary } : {}) },
    };
  }
  if (!record.order) return null;
  const { order } = record;
  return {
    ...common,
    action: "gateway.order",
    outcome: record.status < 400 ? "ok" : "error",
    errorCode: record.status < 400 ? null : String(record.status),
    after: {
      operationId: record.operationId,
      environment: record.account,
      status: record.status,
      instrument: order.instrument,
      side: order.side,
      amount: order.amount,
      units: order.units,
      leverage: order.leverage,
      orderId: order.orderId,
      positionId: order.positionId,
      ...(order.target ? { target: order.target } : {}),
      ...(record.approvalId ? { approvalId: record.approvalId } : {}),
    },
  };
}

function refusedOrderOf(record: UsageRecord, token: RegisteredToken): AccountEvent | null {
  if (record.refusal === null || !record.write) return null;
  return {
    account: token.account,
    type: "order.refused",
    data: {
      userTokenId: token.userTokenId,
      userTokenName: token.userTokenName,
      agentPortfolioId: token.agentPortfolioId,
      operationId: record.operationId,
      reason: refusalWords(record.refusal),
      requestId: record.requestId,
    },
  };
}

/** A usage_records row as inserted, by column name. */
type UsageRow = {
  at: string;
  account: string;
  user_token_id: string;
  agent_portfolio_id: string;
  operation_id: string;
  environment: string;
  write: boolean;
  status: number;
  latency_ms: number;
  request_id: string;
  client_address: string;
  via: string;
  refusal: string | null;
  instrument: string | null;
  side: string | null;
  amount: number | null;
  units: number | null;
  leverage: number | null;
  order_id: string | null;
  position_id: string | null;
};

const COLUMN_TYPES: Record<keyof UsageRow, string> = {
  at: "timestamptz",
  account: "text",
  user_token_id: "uuid",
  agent_portfolio_id: "uuid",
  operation_id: "text",
  environment: "text",
  write: "boolean",
  status: "int4",
  latency_ms: "float4",
  request_id: "text",
  client_address: "text",
  via: "text",
  refusal: "text",
  instrument: "text",
  side: "text",
  amount: "float8",
  units: "float8",
  leverage: "float8",
  order_id: "text",
  position_id: "text",
};
const COLUMNS = Object.keys(COLUMN_TYPES) as (keyof UsageRow)[];

/**
 * On PostgreSQL, one insert of a whole batch as one array per column (unnest):
 * 20 parameters however many rows, where a multi-row VALUES binds 19 per row.
 */
function insertRows(rows: UsageRow[]) {
  const arrays = COLUMNS.map((column) => sql`${sql.param(rows.map((row) => row[column]))}::${sql.raw(COLUMN_TYPES[column])}[]`);
  return sql`insert into usage_records (${sql.raw(COLUMNS.join(", "))}) select * from unnest(${sql.join(arrays, sql`, `)})`;
}

/** The batch into usage_records: by COPY on PGlite (lib/db/copy-rows.ts: cheaper for its thread than bound arrays), by insert elsewhere. */
async function writeRows(tx: LedgerDb, rows: UsageRow[]): Promise<void> {
  if (await copyRows(tx, "usage_records", COLUMNS, rows.map((row) => COLUMNS.map((column) => row[column])))) return;
  await tx.execute(insertRows(rows));
}

const RECORDS_PER_TURN = 50;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The batcher's `write`: records of tokens the registry no longer knows are kept under the account "unknown" rather than lost. */
export function createUsageWriter(db: () => Promise<LedgerDb>, tokenOf: TokenOf): (records: UsageRecord[]) => Promise<void> {
  return async (records) => {
    if (records.length === 0) return;
    const rows: UsageRow[] = [];
    const events: LedgerEventInput[] = [];
    const refused: AccountEvent[] = [];
    const lastUsed = new Map<string, Date>();
    for (let i = 0; i < records.length; i++) {
      // A batch is built on the thread that serves requests: a turn of the event loop between every few records.
      if (i > 0 && i % RECORDS_PER_TURN === 0) await nextTurn();
      const record = records[i];
      const token = tokenOf(record.userTokenId);
      const at = new Date(record.at);
      rows.push({
        at: record.at,
        account: token?.account ?? "unknown",
        user_token_id: record.userTokenId,
        agent_portfolio_id: record.agentPortfolioId,
        operation_id: record.operationId,
        environment: record.account ?? "none",
        write: record.write,
        status: record.status,
        latency_ms: record.latencyMs,
        request_id: record.requestId,
        client_address: record.clientAddress,
        via: record.via,
        refusal: record.refusal,
        instrument: record.order?.instrument == null ? null : String(record.order.instrument),
        side: record.order?.side ?? null,
        amount: record.order?.amount ?? null,
        units: record.order?.units ?? null,
        leverage: record.order?.leverage ?? null,
        order_id: record.order?.orderId ?? null,
        position_id: record.order?.positionId ?? null,
      });
      const previous = lastUsed.get(record.userTokenId);
      if (!previous || previous < at) lastUsed.set(record.userTokenId, at);
      const event = token ? ledgerEventOf(record, token, at) : null;
      if (event) events.push(event);
      const refusedOrder = token ? refusedOrderOf(record, token) : null;
      if (refusedOrder) refused.push(refusedOrder);
    }
    await (await db()).transaction(async (tx) => {
      await writeRows(tx as unknown as LedgerDb, rows);
      // Every token of the batch in one statement, its last use only ever moved forward.
      await tx.execute(sql`
        update gateway_tokens g set last_used_at = greatest(coalesce(g.last_used_at, u.at), u.at)
        from unnest(${sql.param([...lastUsed.keys()])}::uuid[], ${sql.param([...lastUsed.values()].map((d) => d.toISOString()))}::timestamptz[]) as u(id, at)
        where g.user_token_id = u.id`);
      if (events.length > 0) await appendEvents(tx as unknown as LedgerDb, events);
      await emitAccountEvents(tx, refused);
    });
  };
}

const PRUNE_BATCH = 5_000;

/** Deletes usage rows older than `retentionDays`, a bounded batch at a time so no one statement holds the table long. */
export async function pruneUsage(db: LedgerDb, retentionDays: number, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total = 0;
  for (;;) {
    const deleted = await db.execute(
      sql`delete from usage_records where id in (select id from usage_records where at < ${cutoff.toISOString()}::timestamptz limit ${PRUNE_BATCH}) returning id`,
    );
    const count = (deleted as unknown as { rows: unknown[] }).rows.length;
    total += count;
    if (count < PRUNE_BATCH) return total;
  }
}
