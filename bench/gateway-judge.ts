/**
 * The gateway "with boundaries": what judging an order costs, and whether
 * budget reservations hold at speed.
 *
 * - Judging, in process: the boundaries admission a bounded token's order
 *   passes (order terms, per-order limit, leverage, a 200-instrument list,
 *   trading hours, request rate), timed per order, against the same call for
 *   a token without boundaries. No database: those checks never touch one.
 * - Reservations on PostgreSQL (a throwaway database on
 *   LEDGER_TEST_DATABASE_URL, as the ledger bench) from two pools, as two
 *   gateway instances would: $100 orders paced at 200 a second against a
 *   budget that takes exactly half of them, then the same unpaced; the
 *   budget's final use is checked against its limit (overshoot must be 0).
 *   PGlite, one instance, for comparison.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { sql } from "drizzle-orm";
import { createBoundaryAdmission } from "../lib/boundaries/admission";
import { reserveBudget, type BudgetOwner } from "../lib/boundaries/budget-store";
import { dayStart, weekStart, type BudgetCharge } from "../lib/boundaries/judge";
import { openLedger, type LedgerDb } from "../lib/db/open";
import { createPostgresDatabase, probePostgres, redactedAdminUrl } from "../lib/db/throwaway-database";
import type { GatewayRequest } from "../lib/gateway/handler";
import { operationsFromSpec } from "../lib/gateway/operations";
import type { RegisteredToken } from "../lib/gateway/token-registry";
import { tokenBoundariesSchema } from "../lib/schemas/boundaries";
import { heading, int, ms, percentile, round, subheading, table, type BenchResult } from "./report";

const JUDGE_ORDERS = 50_000;
const WARMUP = 5_000;
const PACED_RATE = 200;
const UNPACED_IN_FLIGHT = 8;
const ORDERS = 1_000;
const ORDER_CENTS = 10_000;
/** Takes exactly half of the orders. */
const BUDGET_CENTS = (ORDERS / 2) * ORDER_CENTS;

type JudgeFigures = { orders: number; withBoundariesP50Us: number; withBoundariesP99Us: number; withoutP50Us: number; addedP50Us: number };
type ReserveRun = {
  backend: string;
  mode: string;
  instances: number;
  orders: number;
  targetPerSecond: number | null;
  achievedPerSecond: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  accepted: number;
  /** Reservations that could not reach the database in time (the gateway answers 503 and forwards nothing). */
  failed: number;
  expectedAccepted: number;
  usedCents: number;
  limitCents: number;
  overshootCents: number;
};
export type GatewayJudgeFigures = {
  judge: JudgeFigures;
  reservations: ReserveRun[];
  /** The machine's 1-minute load average when the reservations ran: a shared machine's figures read against it. */
  loadAverage: number;
  skipped: { backend: string; reason: string }[];
};

const noRead: GatewayRequest["readUpstream"] = () => Promise.reject(new Error("no upstream in this bench"));

function token(boundaries: RegisteredToken["boundaries"]): RegisteredToken {
  return {
    userTokenId: randomUUID(),
    agentPortfolioId: randomUUID(),
    account: "bench",
    userTokenName: "bench-agent",
    gatewayOnly: true,
    agentIps: [],
    frozen: false,
    revoked: false,
    boundaries,
  };
}

function benchJudge(): JudgeFigures {
  const admit = createBoundaryAdmission({ db: () => Promise.reject(new Error("judging needs no database")), approvalTtlMinutes: 10 });
  const operation = operationsFromSpec().find((o) => o.operationId === "openMarketPositionByAmountDemo")!;
  const bounded = token(
    tokenBoundariesSchema.parse({
      maxOrderUsdCents: 1_000_000,
      maxLeverage: 5,
      instrumentsAllowed: Array.from({ length: 200 }, (_, i) => 1_000 + i),
      instrumentsRefused: [9_999],
      tradingHours: { fromUtc: "00:00", toUtc: "23:59" },
      requestsPerMinute: 6_000,
    }),
  );
  const unbounded = token(null);
  const request = (i: number): GatewayRequest => ({
    method: "POST",
    params: {},
    query: "",
    order: { InstrumentID: 1_000 + (i % 200), IsBuy: true, Leverage: 2, Amount: 50 + (i % 100) },
    clientAddress: "127.0.0.1",
    requestId: "bench",
    approvalId: null,
    readUpstream: noRead,
  });
  const requests = Array.from({ length: 1_000 }, (_, i) => request(i));

  const sample = (t: RegisteredToken): number[] => {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + JUDGE_ORDERS; i++) {
      // A fresh bucket now and then: the request rate never refuses here, so every order is judged in full.
      if (i % 5_000 === 0) t.userTokenId = randomUUID();
      const started = performance.now();
      const admission = admit(t, operation, requests[i % requests.length]);
      const took = performance.now() - started;
      if (admission instanceof Promise || !("ok" in admission)) throw new Error("the bench order was not admitted in memory");
      if (i >= WARMUP) times.push(took * 1_000);
    }
    return times;
  };
  const withBoundaries = sample(bounded);
  const without = sample(unbounded);
  const p50 = percentile(withBoundaries, 50);
  return {
    orders: JUDGE_ORDERS,
    withBoundariesP50Us: round(p50, 2),
    withBoundariesP99Us: round(percentile(withBoundaries, 99), 2),
    withoutP50Us: round(percentile(without, 50), 2),
    addedP50Us: round(p50 - percentile(without, 50), 2),
  };
}

async function reservations(backend: string, dbs: LedgerDb[], paced: boolean): Promise<ReserveRun> {
  const owner: BudgetOwner = { account: "bench", userTokenId: randomUUID(), userTokenName: "bench-agent", agentPortfolioId: randomUUID() };
  const now = new Date();
  const charges: BudgetCharge[] = [
    { period: "day", windowStart: dayStart(now), limitCents: BUDGET_CENTS },
    { period: "week", windowStart: weekStart(now), limitCents: BUDGET_CENTS * 5 },
  ];
  const latencies: number[] = [];
  let failed = 0;
  const reserve = async (i: number): Promise<boolean> => {
    const sent = performance.now();
    try {
      const result = await reserveBudget(dbs[i % dbs.length], owner, ORDER_CENTS, charges);
      latencies.push(performance.now() - sent);
      return "reservation" in result;
    } catch {
      // The database out of reach in time (a pool wait past its 5 s): the gateway would answer 503, sending nothing.
      failed += 1;
      return false;
    }
  };
  const pending: Promise<boolean>[] = [];
  const started = performance.now();
  if (paced) {
    for (let i = 0; i < ORDERS; i++) {
      const wait = started + (i * 1_000) / PACED_RATE - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(reserve(i));
    }
  } else {
    // As fast as the instances go: each keeps UNPACED_IN_FLIGHT orders in flight (a pool's worth), not a thousand queued on it.
    let next = 0;
    const worker = async () => {
      const mine: boolean[] = [];
      while (next < ORDERS) mine.push(await reserve(next++));
      return mine;
    };
    const workers = await Promise.all(Array.from({ length: UNPACED_IN_FLIGHT * dbs.length }, worker));
    pending.push(...workers.flat().map((ok) => Promise.resolve(ok)));
  }
  const outcomes = await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1_000;
  // The day's row: the budget that fills.
  const used = (await dbs[0].execute(
    sql`select used_cents::bigint as used from token_budgets where user_token_id = ${owner.userTokenId} and period = 'day'`,
  )) as unknown as { rows: { used: string | number }[] };
  const usedCents = Number(used.rows[0]?.used ?? 0);
  return {
    backend,
    mode: paced ? `paced ${PACED_RATE}/s` : "unpaced",
    instances: dbs.length,
    orders: ORDERS,
    targetPerSecond: paced ? PACED_RATE : null,
    achievedPerSecond: round(ORDERS / elapsed, 0),
    latencyP50Ms: round(percentile(latencies, 50), 2),
    latencyP95Ms: round(percentile(latencies, 95), 2),
    accepted: outcomes.filter(Boolean).length,
    failed,
    expectedAccepted: BUDGET_CENTS / ORDER_CENTS,
    usedCents,
    limitCents: BUDGET_CENTS,
    overshootCents: Math.max(0, usedCents - BUDGET_CENTS),
  };
}

export async function benchGatewayJudge(): Promise<BenchResult<GatewayJudgeFigures>> {
  const figures: GatewayJudgeFigures = { judge: benchJudge(), reservations: [], loadAverage: round(os.loadavg()[0], 1), skipped: [] };

  const pglite = await openLedger({ memory: true });
  try {
    figures.reservations.push(await reservations("PGlite", [pglite.db], true));
  } finally {
    await pglite.close();
  }

  const unreachable = await probePostgres();
  if (unreachable) {
    figures.skipped.push({ backend: "PostgreSQL", reason: `PostgreSQL at ${redactedAdminUrl()} unreachable (${unreachable})` });
  } else {
    const database = await createPostgresDatabase("gateway_judge_bench");
    const ledgers = [];
    try {
      ledgers.push(await openLedger({ databaseUrl: database.url }), await openLedger({ databaseUrl: database.url }));
      const dbs = ledgers.map((l) => l.db);
      figures.reservations.push(await reservations("PostgreSQL", dbs, true));
      figures.reservations.push(await reservations("PostgreSQL", dbs, false));
    } finally {
      for (const ledger of ledgers) await ledger.close();
      await database.drop();
    }
  }
  return { text: render(figures), figures };
}

function render(f: GatewayJudgeFigures): string {
  const lines = [
    heading("Gateway with boundaries: judging and budget reservations"),
    subheading(`Judging one order in process (${int(f.judge.orders)} orders; per-order limit, leverage, 200-instrument list, hours, request rate)`),
    table(
      ["token", "p50 µs", "p99 µs"],
      [
        ["with boundaries", f.judge.withBoundariesP50Us.toFixed(2), f.judge.withBoundariesP99Us.toFixed(2)],
        ["without boundaries", f.judge.withoutP50Us.toFixed(2), "-"],
      ],
    ),
    `  Judging adds ${f.judge.addedP50Us.toFixed(2)} µs at p50 (${(f.judge.addedP50Us / 1_000).toFixed(4)} ms; the target is ≤ 0.5 ms).`,
    subheading(`Budget reservations: ${int(ORDERS)} orders of $${ORDER_CENTS / 100} against a budget that takes ${int(BUDGET_CENTS / ORDER_CENTS)}`),
    table(
      ["backend", "mode", "instances", "orders/s", "p50 ms", "p95 ms", "accepted", "db busy", "overshoot ¢"],
      f.reservations.map((r) => [
        r.backend,
        r.mode,
        r.instances,
        int(r.achievedPerSecond),
        ms(r.latencyP50Ms),
        ms(r.latencyP95Ms),
        `${r.accepted}/${r.expectedAccepted}`,
        r.failed,
        r.overshootCents,
      ]),
    ),
    `  Load average ${f.loadAverage} on ${os.cpus().length} CPUs while this ran. Overshoot must be 0 at any speed; accepted equals what the budget takes unless some reservations found the database busy.`,
  ];
  for (const s of f.skipped) lines.push(`  ${s.backend} skipped: ${s.reason}`);
  return lines.join("\n");
}
