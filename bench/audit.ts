/**
 * The audit page over a 100,000-event ledger (one account, plus another account's
 * events interleaved): server time of the first page, a deep next page, filtered pages
 * (rare matches are the slow case of keyset paging), the chain badge (full walk vs.
 * the incremental check between walks) and the CSV export of everything (time and
 * memory: it must stream, not buffer).
 */
import { randomUUID } from "node:crypto";
import { appendEvents } from "../lib/ledger/append";
import { chainStatus, FULL_RECHECK_MS, resetChainStatus } from "../lib/ledger/chain-status";
import type { LedgerEventInput } from "../lib/ledger/event";
import { openLedger, type OpenLedger } from "../lib/db/open";
import { eachEvent, listEvents, type ListEventsOptions } from "../lib/ledger/queries";
import { createPostgresDatabase, probePostgres } from "../lib/db/throwaway-database";
import { auditCsvStream } from "../lib/bff/read-models/audit-csv";
import { heading, int, ms, round, subheading, summarize, table, timed, type BenchResult, type Summary } from "./report";

const EVENTS = 100_000;
const SEED_BATCH = 5_000;
const RUNS = 7;
const ME = "acct-audit-me";
const OTHER = "acct-audit-other";

type Query = { name: string; options: ListEventsOptions };
type BackendFigures = {
  backend: string;
  seedMs: number;
  pages: { name: string; rows: number; ms: Summary }[];
  chain: { fullMs: number; incrementalMs: Summary; cachedMs: Summary };
  export: {
    rows: number;
    ms: number;
    bytes: number;
    heapGrowthMb: number;
    rssGrowthMb: number;
    /** Heap growth at its peak over the first tenth of the rows: a streaming export stays near it to the end. */
    firstTenthHeapGrowthMb: number;
  };
};

function event(i: number): LedgerEventInput {
  const actions = ["token.mint", "token.update", "token.update", "token.revoke", "session.login"] as const;
  const action = actions[i % actions.length];
  return {
    account: i % 10 === 9 ? OTHER : ME,
    action,
    outcome: i % 50 === 7 ? "error" : "ok",
    errorCode: i % 50 === 7 ? "TooManyRequests" : null,
    requestId: randomUUID(),
    portfolioId: `p-${i % 1_000}`,
    portfolioName: `Port${String(i % 1_000).padStart(4, "0")}`,
    tokenId: action === "session.login" ? null : `t-${i % 10_000}`,
    tokenName: action === "session.login" ? null : `agent-${i % 10}`,
    before: action === "token.update" ? { scopeNames: ["etoro-public:trade.demo:read"], ipsWhitelist: [], expiresAt: null } : null,
    after: action === "token.revoke" ? null : { scopeNames: ["etoro-public:trade.demo:write"], ipsWhitelist: ["10.0.0.1"], expiresAt: "2030-01-01T00:00:00.000Z" },
    clientIp: `203.0.113.${i % 250}`,
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  };
}

async function benchOn(name: string, ledger: OpenLedger): Promise<BackendFigures> {
  const db = ledger.db;
  const seeded = await timed(async () => {
    for (let i = 0; i < EVENTS; i += SEED_BATCH) await appendEvents(db, Array.from({ length: SEED_BATCH }, (_, j) => event(i + j)));
  });

  const middle = await listEvents(db, ME, { limit: 200 });
  let deepCursor = middle.nextCursor;
  for (let i = 0; i < 200 && deepCursor; i++) deepCursor = (await listEvents(db, ME, { limit: 200, cursor: deepCursor })).nextCursor;
  const queries: Query[] = [
    { name: "first page (50)", options: {} },
    { name: "next page, ~40,000 rows deep", options: { cursor: deepCursor } },
    { name: "action = token.revoke", options: { action: "token.revoke" } },
    { name: "outcome = error (2 %)", options: { outcome: "error" } },
    { name: "portfolio by name (0.1 %)", options: { portfolio: "Port0421" } },
    { name: "token by id (0.01 %)", options: { token: "t-4242" } },
    { name: "time range, oldest week", options: { from: "2026-01-01T00:00:00Z", to: "2026-01-08T00:00:00Z" } },
    { name: "no match (other account's token)", options: { token: "t-9" } },
  ];
  const pages: BackendFigures["pages"] = [];
  for (const q of queries) {
    await listEvents(db, ME, q.options); // warm-up
    const times: number[] = [];
    let rows = 0;
    for (let r = 0; r < RUNS; r++) {
      const { ms: took, value } = await timed(() => listEvents(db, ME, q.options));
      times.push(took);
      rows = value.events.length;
    }
    pages.push({ name: q.name, rows, ms: summarize(times) });
  }

  resetChainStatus();
  const t0 = Date.now();
  const full = await timed(() => chainStatus(db, t0));
  if (full.value.state !== "verified") throw new Error("bench chain does not verify");
  const incremental: number[] = [];
  const cached: number[] = [];
  for (let r = 1; r <= RUNS; r++) {
    await appendEvents(db, [event(EVENTS + r)]);
    incremental.push((await timed(() => chainStatus(db, t0 + r * 10_000))).ms);
    cached.push((await timed(() => chainStatus(db, t0 + r * 10_000 + 1))).ms);
  }
  if (t0 + RUNS * 10_000 >= t0 + FULL_RECHECK_MS) throw new Error("incremental runs must stay inside the full-recheck window");
  resetChainStatus();

  const exported = await timed(() => exportCsv(db, false));
  const memory = await exportCsv(db, true);
  return {
    backend: name,
    seedMs: round(seeded.ms),
    pages,
    chain: { fullMs: round(full.ms), incrementalMs: summarize(incremental), cachedMs: summarize(cached) },
    export: { rows: exported.value.rows - 1, ms: round(exported.ms), bytes: exported.value.bytes, ...memory.memory },
  };
}

/**
 * The CSV export of ME's events, read to the end as a browser would. With `sampleMemory`,
 * every 500 chunks the heap is collected first (npm run bench gives node --expose-gc), so
 * what is measured is what the export holds, not garbage not yet collected; that pass
 * is not the timed one.
 */
async function exportCsv(db: OpenLedger["db"], sampleMemory: boolean) {
  const gc = sampleMemory ? globalThis.gc : undefined;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  let heapPeak = heap0;
  let rssPeak = rss0;
  let bytes = 0;
  let rows = 0;
  let chunks = 0;
  let firstTenthHeapPeak: number | null = null;
  const expectedRows = EVENTS * 0.9; // ME's share of the seeded events
  const reader = auditCsvStream(eachEvent(db, ME)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 0x0a) rows++;
    // Sampled: memoryUsage() per chunk would cost more than the export itself.
    if (sampleMemory && ++chunks % 500 === 0) {
      gc?.();
      const m = process.memoryUsage();
      heapPeak = Math.max(heapPeak, m.heapUsed);
      rssPeak = Math.max(rssPeak, m.rss);
    }
    if (firstTenthHeapPeak === null && rows >= expectedRows / 10) firstTenthHeapPeak = heapPeak;
  }
  const mb = (n: number) => round(n / 1024 ** 2, 1);
  return {
    rows,
    bytes,
    memory: { heapGrowthMb: mb(heapPeak - heap0), rssGrowthMb: mb(rssPeak - rss0), firstTenthHeapGrowthMb: mb((firstTenthHeapPeak ?? heapPeak) - heap0) },
  };
}

export type AuditFigures = { backends: BackendFigures[] };

export async function benchAudit(): Promise<BenchResult<AuditFigures>> {
  const backends: BackendFigures[] = [];
  const memory = await openLedger({ memory: true });
  try {
    backends.push(await benchOn("PGlite (memory)", memory));
  } finally {
    await memory.close();
  }
  if (!(await probePostgres())) {
    const database = await createPostgresDatabase("audit_bench");
    const ledger = await openLedger({ databaseUrl: database.url });
    try {
      backends.push(await benchOn("Postgres", ledger));
    } finally {
      await ledger.close();
      await database.drop();
    }
  }
  return { text: render(backends), figures: { backends } };
}

function render(backends: BackendFigures[]): string {
  const out = [heading(`4. Audit page over ${int(EVENTS)} events (90 % one account)`)];
  for (const b of backends) {
    out.push(
      subheading(`${b.backend}: GET /api/audit server time (listEvents, median of ${RUNS}); seeded in ${ms(b.seedMs)} ms`),
      table(["Query", "Rows", "Median ms", "p95 ms"], b.pages.map((p) => [p.name, int(p.rows), ms(p.ms.median), ms(p.ms.p95)])),
      `  Chain badge: full walk ${ms(b.chain.fullMs)} ms (at most every ${FULL_RECHECK_MS / 60_000} min); incremental ${ms(b.chain.incrementalMs.median)} ms; cached ${ms(b.chain.cachedMs.median)} ms.`,
      `  CSV export of ${int(b.export.rows)} rows: ${ms(b.export.ms)} ms, ${int(b.export.bytes / 1024)} KiB; heap grew ${b.export.heapGrowthMb} MB (${b.export.firstTenthHeapGrowthMb} MB over the first tenth), RSS ${b.export.rssGrowthMb} MB at peak.`,
    );
  }
  return out.join("\n");
}
