/**
 * The token usage read models over 1,000,000 usage records: /tokens' Last used and
 * Calls 24h column (usageFactsFor, one account's every token) and one token's usage
 * view (tokenUsage: totals, hourly and daily charts, operations, addresses, orders,
 * refusals), on PGlite and on PostgreSQL, server time as the route spends it.
 *
 * Seeded in SQL (generate_series) as a busy deployment looks: 5,000 tokens in 41
 * accounts, one account ("acct-me") holding 1,000 of them and most of the calls, 90
 * days of records, calls skewed so a few tokens are very busy; a tenth writes
 * (orders), 2 % refused. Timed for the busiest token of the account (tens of
 * thousands of records), a middling one and a quiet one.
 */
import { sql } from "drizzle-orm";
import { openLedger, type LedgerDb, type OpenLedger } from "../lib/db/open";
import { createPostgresDatabase, probePostgres } from "../lib/db/throwaway-database";
import { tokenUsage, usageFactsFor } from "../lib/bff/read-models/token-usage";
import { sqlRows } from "../lib/jobs/sql-rows";
import { heading, int, ms, round, subheading, summarize, table, timed, type BenchResult, type Summary } from "./report";

export const USAGE_ROWS = Number(process.env.BENCH_USAGE_ROWS || 1_000_000);
const TOKENS = 5_000;
const MY_TOKENS = 1_000;
const RUNS = 7;
const ME = "acct-me";
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const DAYS = 90;

type BackendFigures = {
  backend: string;
  seedMs: number;
  facts: { tokens: number; ms: Summary };
  views: { name: string; records: number; ms: Summary }[];
};

/** Token n's id, portfolio and account: deterministic from n, in SQL and here alike. */
const tokenIdSql = (n: string) => sql.raw(`md5('tok-' || ${n})::uuid`);

async function seed(db: LedgerDb): Promise<void> {
  const now = new Date(NOW).toISOString();
  await db.execute(sql`
    insert into gateway_tokens (user_token_id, lookup_key, account, agent_portfolio_id, user_token_name, gateway_only, minted_at, version)
    select ${tokenIdSql("t")}, md5('key-' || t), case when t < ${MY_TOKENS} then ${ME} else 'acct-' || (t % 40) end,
           md5('pf-' || (t / 5))::uuid, 'agent-' || t, t % 3 = 0, ${now}::timestamptz - interval '120 days', t
    from generate_series(0, ${TOKENS - 1}::int) t`);
  // Token index skewed toward 0 (a cube of a uniform draw): token 0 is the busiest.
  const BATCH = 250_000;
  for (let from = 0; from < USAGE_ROWS; from += BATCH) {
    const to = Math.min(USAGE_ROWS, from + BATCH) - 1;
    await db.execute(sql`
      insert into usage_records (at, account, user_token_id, agent_portfolio_id, operation_id, environment, write, status, latency_ms,
                                 request_id, client_address, refusal, instrument, side, amount, leverage, order_id, position_id)
      select ${now}::timestamptz - (r1 * ${DAYS} * interval '1 day'),
             case when t < ${MY_TOKENS} then ${ME} else 'acct-' || (t % 40) end,
             ${tokenIdSql("t")}, md5('pf-' || (t / 5))::uuid,
             case when w then 'openMarketPositionByAmountDemo' else (array['getPortfolioDemo','getRates','getInstruments','getPnlDemo','getMe','searchInstruments','getTradeHistoryDemo'])[1 + (g % 7)] end,
             case when g % 7 in (4, 1, 2, 5) and not w then 'none' else 'demo' end,
             w, case when refused then 403 when g % 97 = 0 then 500 when g % 53 = 0 then 429 else 200 end,
             (5 + r2 * 40)::real, md5('req-' || g), '10.0.' || (t % 7) || '.' || (1 + g % 3),
             case when refused then (array['frozen','agent-ip','revoked'])[1 + g % 3] end,
             case when w then (1000 + g % 30)::text end, case when w then (case when g % 2 = 0 then 'buy' else 'sell' end) end,
             case when w then 100 end, case when w then 1 end,
             case when w and not refused then g::text end, case when w and not refused then (g + 1)::text end
      from (
        select g, floor(${TOKENS} * power(random(), 3))::int as t, random() as r1, random() as r2,
               g % 10 = 3 as w, g % 50 = 7 as refused
        from generate_series(${from}::int, ${to}::int) g
      ) s`);
  }
  await db.execute(sql`
    update gateway_tokens g set last_used_at = m.last from (select user_token_id, max(at) as last from usage_records group by user_token_id) m
    where m.user_token_id = g.user_token_id`);
  await db.execute(sql`analyze`);
}

async function timeRuns<T>(fn: () => Promise<T>): Promise<Summary> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) times.push((await timed(fn)).ms);
  return summarize(times);
}

export async function benchOn(name: string, ledger: OpenLedger): Promise<BackendFigures> {
  const db = ledger.db;
  const seeded = await timed(() => seed(db));
  const mine = await sqlRows<{ id: string; n: number }>(
    db,
    sql`select user_token_id::text as id, count(*)::int as n from usage_records where account = ${ME} group by 1 order by 2 desc`,
  );
  const pick = [
    { name: "busiest token", row: mine[0] },
    { name: "middling token", row: mine[Math.floor(mine.length / 2)] },
    { name: "quiet token", row: mine.at(-1)! },
  ];
  const facts = await usageFactsFor(db, ME, NOW);
  const factsMs = await timeRuns(() => usageFactsFor(db, ME, NOW));
  const views: BackendFigures["views"] = [];
  for (const p of pick) {
    const named = { userTokenId: p.row.id, userTokenName: "agent", agentPortfolioId: "00000000-0000-4000-8000-000000000000", agentPortfolioName: null };
    views.push({ name: p.name, records: Number(p.row.n), ms: await timeRuns(() => tokenUsage(db, ME, named, NOW)) });
  }
  return { backend: name, seedMs: round(seeded.ms), facts: { tokens: facts.size, ms: factsMs }, views };
}

export type TokenUsageFigures = { rows: number; backends: BackendFigures[] };

export async function benchTokenUsage(): Promise<BenchResult<TokenUsageFigures>> {
  const backends: BackendFigures[] = [];
  const memory = await openLedger({ memory: true });
  try {
    backends.push(await benchOn("PGlite (memory)", memory));
  } finally {
    await memory.close();
  }
  if (!(await probePostgres())) {
    const database = await createPostgresDatabase("usage_bench");
    const ledger = await openLedger({ databaseUrl: database.url });
    try {
      backends.push(await benchOn("Postgres", ledger));
    } finally {
      await ledger.close();
      await database.drop();
    }
  }
  return { text: render(backends), figures: { rows: USAGE_ROWS, backends } };
}

function render(backends: BackendFigures[]): string {
  const out = [heading(`7. Token usage over ${int(USAGE_ROWS)} usage records (${int(TOKENS)} tokens; one account holds ${int(MY_TOKENS)} and most calls)`)];
  for (const b of backends) {
    out.push(
      subheading(`${b.backend}: server time (median and p95 of ${RUNS}); seeded in ${ms(b.seedMs / 1000)} s`),
      table(
        ["Read model", "Records", "Median ms", "p95 ms"],
        [
          [`/tokens Last used + Calls 24h (${int(b.facts.tokens)} tokens)`, "", ms(b.facts.ms.median), ms(b.facts.ms.p95)],
          ...b.views.map((v) => [`token view, ${v.name}`, int(v.records), ms(v.ms.median), ms(v.ms.p95)]),
        ],
      ),
    );
  }
  return out.join("\n");
}
