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
 * thousands of records), a middling one and a quiet one, at 12:37 UTC (37 minutes
 * of the running hour read from the records).
 *
 * A bulk load, not the gateway's batches: the records go in 250,000 a statement, in
 * time order as the gateway appends them, with usage_records' triggers off and its
 * indexes dropped; the indexes are then built again from their own definitions, and
 * usage_hourly and usage_totals filled by one INSERT … SELECT each (the backfills of
 * migration 0014, in the order the triggers would have added the rows). The tables end
 * up as the triggers would have left them, in a fraction of the time: with 16 MB of
 * buffers, PGlite keeps a b-tree over a million random keys up to date row by row
 * very slowly (filling two roll-ups of ~800,000 rows with their indexes in place took
 * 254 s at load ~19; built afterwards, 31–72 s).
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
/** Timed runs per figure after a warm-up; the p95 of 20 is the second slowest. */
const RUNS = 20;
const ME = "acct-me";
const NOW = Date.UTC(2026, 11, 1, 12, 37, 0);
const DAYS = 90;
const BATCH = 250_000;

type SeedTimes = { records: number; indexes: number; rollUps: number; analyze: number };

type BackendFigures = {
  backend: string;
  seedMs: number;
  seed: SeedTimes;
  facts: { tokens: number; ms: Summary };
  views: { name: string; records: number; ms: Summary }[];
};

/** Token n's id, portfolio and account: deterministic from n, in SQL and here alike. */
const tokenIdSql = (n: string) => sql.raw(`md5('tok-' || ${n})::uuid`);

const OUTCOMES = `count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NOT NULL),
       max(at)`;
/**
 * What usage_records' insert triggers would have written for the records loaded: the
 * backfills of migration 0014, with rows in the order the triggers add them (an
 * hour's when its first record comes, a combination's when it is first seen).
 */
const ROLL_UPS = [
  `INSERT INTO usage_hourly (account, user_token_id, hour, ok, failed, refused, last_at)
   SELECT account, user_token_id, date_trunc('hour', at, 'UTC'), ${OUTCOMES}
   FROM usage_records GROUP BY 1, 2, 3 ORDER BY 3`,
  `INSERT INTO usage_totals (account, user_token_id, operation_id, client_address, via, ok, failed, refused, last_at)
   SELECT account, user_token_id, operation_id, client_address, via, ${OUTCOMES}
   FROM usage_records GROUP BY 1, 2, 3, 4, 5 ORDER BY min(at)`,
];

/**
 * Runs `load` on `table` without its indexes (its primary key included), then builds
 * them again from their own definitions: a b-tree built once from sorted keys instead
 * of a random insert per row, which PGlite's 16 MB of buffers make very slow.
 */
async function withoutIndexes(db: LedgerDb, table: string, load: () => Promise<void>): Promise<{ loadMs: number; indexMs: number }> {
  const indexes = await sqlRows<{ name: string; def: string; constraint_def: string | null }>(
    db,
    sql`select c.relname as name, pg_get_indexdef(x.indexrelid) as def, pg_get_constraintdef(k.oid) as constraint_def
        from pg_index x join pg_class c on c.oid = x.indexrelid left join pg_constraint k on k.conindid = x.indexrelid and k.conrelid = x.indrelid
        where x.indrelid = ${table}::regclass`,
  );
  for (const i of indexes) {
    await db.execute(sql.raw(i.constraint_def ? `alter table ${table} drop constraint "${i.name}"` : `drop index "${i.name}"`));
  }
  const loaded = await timed(load);
  const built = await timed(() =>
    // Room to sort a million keys in memory (the default 64 MB sorts on disk); these statements only.
    db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
      for (const i of indexes) await tx.execute(sql.raw(i.constraint_def ? `alter table ${table} add constraint "${i.name}" ${i.constraint_def}` : i.def));
    }),
  );
  return { loadMs: loaded.ms, indexMs: built.ms };
}

async function seed(db: LedgerDb): Promise<SeedTimes> {
  const now = new Date(NOW).toISOString();
  await db.execute(sql`
    insert into gateway_tokens (user_token_id, lookup_key, account, agent_portfolio_id, user_token_name, gateway_only, minted_at, version)
    select ${tokenIdSql("t")}, md5('key-' || t), case when t < ${MY_TOKENS} then ${ME} else 'acct-' || (t % 40) end,
           md5('pf-' || (t / 5))::uuid, 'agent-' || t, t % 3 = 0, ${now}::timestamptz - interval '120 days', t
    from generate_series(0, ${TOKENS - 1}::int) t`);
  await db.execute(sql`alter table usage_records disable trigger user`);
  const records = await withoutIndexes(db, "usage_records", async () => {
    // In time order, as the gateway appends them (record g of n at the g-th n-th of the 90 days), so
    // a day's records share pages as they would. Token index skewed toward 0 (a cube of a uniform
    // draw): token 0 is the busiest.
    for (let from = 0; from < USAGE_ROWS; from += BATCH) {
      const to = Math.min(USAGE_ROWS, from + BATCH) - 1;
      await db.execute(sql`
        insert into usage_records (at, account, user_token_id, agent_portfolio_id, operation_id, environment, write, status, latency_ms,
                                   request_id, client_address, refusal, instrument, side, amount, leverage, order_id, position_id)
        select ${now}::timestamptz - ((${USAGE_ROWS - 1} - g)::float8 / ${USAGE_ROWS} * ${DAYS} * interval '1 day'),
               case when t < ${MY_TOKENS} then ${ME} else 'acct-' || (t % 40) end,
               ${tokenIdSql("t")}, md5('pf-' || (t / 5))::uuid,
               case when w then 'openMarketPositionByAmountDemo' else (array['getPortfolioDemo','getRates','getInstruments','getPnlDemo','getMe','searchInstruments','getTradeHistoryDemo'])[1 + (g % 7)] end,
               case when g % 7 in (4, 1, 2, 5) and not w then 'none' else 'demo' end,
               w, case when refused then 403 when g % 97 = 0 then 500 when g % 53 = 0 then 429 else 200 end,
               (5 + r * 40)::real, md5('req-' || g), '10.0.' || (t % 7) || '.' || (1 + g % 3),
               case when refused then (array['frozen','agent-ip','revoked'])[1 + g % 3] end,
               case when w then (1000 + g % 30)::text end, case when w then (case when g % 2 = 0 then 'buy' else 'sell' end) end,
               case when w then 100 end, case when w then 1 end,
               case when w and not refused then g::text end, case when w and not refused then (g + 1)::text end
        from (
          select g, floor(${TOKENS} * power(random(), 3))::int as t, random() as r,
                 g % 10 = 3 as w, g % 50 = 7 as refused
          from generate_series(${from}::int, ${to}::int) g
        ) s`);
    }
  });
  await db.execute(sql`alter table usage_records enable trigger user`);
  let rollUps = 0;
  for (const [table, statement] of [["usage_hourly", ROLL_UPS[0]], ["usage_totals", ROLL_UPS[1]]]) {
    const t = await withoutIndexes(db, table, () =>
      // Room to group a million rows in memory (the default 4 MB sorts on disk); this statement only.
      db.transaction(async (tx) => {
        await tx.execute(sql`set local work_mem = '128MB'`);
        await tx.execute(sql.raw(statement));
      }),
    );
    rollUps += t.loadMs + t.indexMs;
  }
  await db.execute(sql`
    update gateway_tokens g set last_used_at = m.last from (select user_token_id, max(last_at) as last from usage_totals group by user_token_id) m
    where m.user_token_id = g.user_token_id`);
  const analyzed = await timed(() => db.execute(sql`analyze`));
  return { records: round(records.loadMs), indexes: round(records.indexMs), rollUps: round(rollUps), analyze: round(analyzed.ms) };
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
    sql`select user_token_id::text as id, sum(ok + failed + refused)::int as n from usage_totals where account = ${ME} group by 1 order by 2 desc, 1`,
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
  return { backend: name, seedMs: round(seeded.ms), seed: seeded.value, facts: { tokens: facts.size, ms: factsMs }, views };
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
      subheading(
        `${b.backend}: server time (median and p95 of ${RUNS}); seeded in ${ms(b.seedMs / 1000)} s ` +
          `(records ${ms(b.seed.records / 1000)} s, indexes ${ms(b.seed.indexes / 1000)} s, roll-ups ${ms(b.seed.rollUps / 1000)} s, analyze ${ms(b.seed.analyze / 1000)} s)`,
      ),
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
