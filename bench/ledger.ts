/**
 * The audit ledger on each backend it supports: append throughput and latency (one
 * transaction + advisory lock per event), 8 concurrent writers vs. 1 on Postgres (the
 * lock serialises them), a full chain walk (verifyLedger) and the secret-hint lookup
 * the portfolio list does on every load (secretHintsFor).
 *
 * Postgres: a throwaway database on LEDGER_TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test, as the ledger tests), dropped afterwards.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { appendEvent } from "../lib/ledger/append";
import { hashedFieldsOf, toUnhashedRow, type LedgerEventInput } from "../lib/ledger/event";
import { GENESIS_HASH, eventHash } from "../lib/ledger/hash";
import { openLedger, type LedgerDb, type OpenLedger } from "../lib/db/open";
import { secretHintsFor } from "../lib/ledger/queries";
import { ledgerEvents, type LedgerRow } from "../lib/db/schema";
import type { LedgerAction } from "../lib/ledger/actions";
import { createPostgresDatabase, probePostgres, redactedAdminUrl } from "../lib/db/throwaway-database";
import { verifyLedger } from "../lib/ledger/verify";
import { heading, int, ms, ratio, round, subheading, summarize, table, timed, type BenchResult, type Summary } from "./report";

/** Sequential appends per backend: at most this many, or until the time budget runs out. */
const APPEND_MAX = 1_000;
const APPEND_BUDGET_MS = 4_000;
const WARMUP_APPENDS = 20;
const WRITERS = 8;
const CONCURRENT_EVENTS = 800;
const CHAIN_EVENTS = 10_000;
const VERIFY_RUNS = 3;
const HINT_IDS = 1_000;
const HINT_RUNS = 5;
const ACCOUNTS = ["acct-alpha", "acct-bravo", "acct-charlie", "acct-delta"];
const INSERT_BATCH = 500;

type Backend = { name: string; open(): Promise<{ ledger: OpenLedger; cleanup(): Promise<void> }> };

type AppendFigures = { events: number; totalMs: number; eventsPerSecond: number; latencyMs: Summary };

export type LedgerBackendFigures = {
  backend: string;
  openMs: number;
  append: AppendFigures;
  concurrent?: { writers: number; one: AppendFigures; many: AppendFigures; throughputRatio: number; p95Ratio: number };
  verify: { events: number; intact: boolean; seedMs: number; ms: Summary; eventsPerSecond: number };
  hints: { ids: number; events: number; hits: number; ms: Summary };
};

export type LedgerFigures = { backends: LedgerBackendFigures[]; skipped: { backend: string; reason: string }[] };

/** A realistic event: token settings before/after, request id, client IP. */
function sampleEvent(i: number, tokenId: string = randomUUID()): LedgerEventInput {
  const actions: LedgerAction[] = ["token.mint", "token.mint", "token.update", "portfolio.create", "token.revoke"];
  const action = actions[i % actions.length];
  const failed = i % 10 === 7;
  const mints = action === "token.mint" || action === "portfolio.create";
  return {
    account: ACCOUNTS[i % ACCOUNTS.length],
    action,
    outcome: failed ? "error" : "ok",
    errorCode: failed ? "TooManyRequests" : null,
    requestId: randomUUID(),
    portfolioId: randomUUID(),
    portfolioName: `Seed${String(i % 100_000).padStart(5, "0")}`,
    tokenId,
    tokenName: mints ? "agent" : "monitor",
    secretHint: mints && !failed ? tokenId.slice(-4) : null,
    before: action === "token.update" ? { scopeNames: ["etoro-public:trade.demo:read"], ipsWhitelist: [], expiresAt: null } : null,
    after:
      action === "token.revoke"
        ? null
        : {
            scopeNames: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
            ipsWhitelist: [`10.0.${i % 256}.${(i * 7) % 250}`],
            expiresAt: new Date(Date.UTC(2030, 0, 1) + i * 60_000).toISOString(),
          },
    clientIp: `203.0.113.${i % 250}`,
  };
}

async function appendRun(db: LedgerDb, writers: number, maxEvents: number, budgetMs: number, offset: number): Promise<AppendFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  const writer = async () => {
    while (next < maxEvents && performance.now() - started < budgetMs) {
      const i = offset + next++;
      const t = performance.now();
      await appendEvent(db, sampleEvent(i));
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  const totalMs = performance.now() - started;
  return {
    events: latencies.length,
    totalMs: round(totalMs),
    eventsPerSecond: Math.round((latencies.length / totalMs) * 1000),
    latencyMs: summarize(latencies),
  };
}

/**
 * A valid 10,000-event chain, hashed here exactly as appendEvent hashes and inserted in
 * batches: building it one locked transaction at a time would eat the time budget.
 * Returns the token ids per account, in order.
 */
async function seedChain(db: LedgerDb, count: number): Promise<Map<string, string[]>> {
  const tokensByAccount = new Map<string, string[]>();
  let prevHash = GENESIS_HASH;
  const at0 = Date.UTC(2026, 0, 1);
  for (let start = 0; start < count; start += INSERT_BATCH) {
    const batch: Omit<LedgerRow, "seq">[] = [];
    for (let i = start; i < Math.min(count, start + INSERT_BATCH); i++) {
      const e = sampleEvent(i);
      const row = toUnhashedRow({ ...e, at: new Date(at0 + i * 1_000) }, prevHash);
      const hash = eventHash(hashedFieldsOf(row));
      batch.push({ ...row, hash });
      prevHash = hash;
      const ids = tokensByAccount.get(e.account) ?? [];
      ids.push(e.tokenId!);
      tokensByAccount.set(e.account, ids);
    }
    await db.insert(ledgerEvents).values(batch);
  }
  return tokensByAccount;
}

async function benchBackend(backend: Backend, concurrent: boolean): Promise<LedgerBackendFigures> {
  const opened = await timed(() => backend.open());
  const { ledger, cleanup } = opened.value;
  try {
    const db = ledger.db;
    for (let i = 0; i < WARMUP_APPENDS; i++) await appendEvent(db, sampleEvent(i));
    const append = await appendRun(db, 1, APPEND_MAX, APPEND_BUDGET_MS, WARMUP_APPENDS);

    let concurrency: LedgerBackendFigures["concurrent"];
    if (concurrent) {
      // Same event count for both, so the two runs are directly comparable.
      const one = await appendRun(db, 1, CONCURRENT_EVENTS, Number.POSITIVE_INFINITY, 100_000);
      const many = await appendRun(db, WRITERS, CONCURRENT_EVENTS, Number.POSITIVE_INFINITY, 200_000);
      concurrency = {
        writers: WRITERS,
        one,
        many,
        throughputRatio: round(many.eventsPerSecond / one.eventsPerSecond),
        p95Ratio: round(many.latencyMs.p95 / one.latencyMs.p95),
      };
    }

    await db.execute(sql`truncate ledger_events restart identity`);
    const seeded = await timed(() => seedChain(db, CHAIN_EVENTS));

    const verifyTimes: number[] = [];
    let intact = true;
    let verified = 0;
    for (let run = 0; run < VERIFY_RUNS; run++) {
      const { ms: took, value } = await timed(() => verifyLedger(db));
      verifyTimes.push(took);
      intact &&= value.ok;
      verified = value.count;
    }
    const verifyMs = summarize(verifyTimes);

    // 1,000 ids of one account: its mints and creates have hints, its updates and revokes not.
    const ids = (seeded.value.get(ACCOUNTS[0]) ?? []).slice(0, HINT_IDS);
    const hintTimes: number[] = [];
    let hits = 0;
    await secretHintsFor(db, ACCOUNTS[0], ids); // warm-up
    for (let run = 0; run < HINT_RUNS; run++) {
      const { ms: took, value } = await timed(() => secretHintsFor(db, ACCOUNTS[0], ids));
      hintTimes.push(took);
      hits = value.size;
    }

    return {
      backend: backend.name,
      openMs: round(opened.ms),
      append,
      concurrent: concurrency,
      verify: {
        events: verified,
        intact,
        seedMs: round(seeded.ms),
        ms: verifyMs,
        eventsPerSecond: Math.round((verified / verifyMs.median) * 1000),
      },
      hints: { ids: ids.length, events: CHAIN_EVENTS, hits, ms: summarize(hintTimes) },
    };
  } finally {
    await ledger.close().catch(() => undefined);
    await cleanup();
  }
}

const pgliteMemory: Backend = {
  name: "PGlite (memory)",
  open: async () => ({ ledger: await openLedger({ memory: true }), cleanup: async () => undefined }),
};

const pgliteDisk: Backend = {
  name: "PGlite (disk)",
  open: async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "apc-bench-ledger-"));
    try {
      return { ledger: await openLedger({ dataDir: dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  },
};

const postgres: Backend = {
  name: "Postgres",
  open: async () => {
    const database = await createPostgresDatabase("ledger_bench");
    try {
      return { ledger: await openLedger({ databaseUrl: database.url }), cleanup: database.drop };
    } catch (error) {
      await database.drop();
      throw error;
    }
  },
};

export async function benchLedger(): Promise<BenchResult<LedgerFigures>> {
  const figures: LedgerFigures = { backends: [], skipped: [] };
  figures.backends.push(await benchBackend(pgliteMemory, false));
  figures.backends.push(await benchBackend(pgliteDisk, false));
  const unreachable = await probePostgres();
  if (unreachable) figures.skipped.push({ backend: "Postgres", reason: `PostgreSQL at ${redactedAdminUrl()} unreachable (${unreachable})` });
  else figures.backends.push(await benchBackend(postgres, true));
  return { text: render(figures), figures };
}

function render(f: LedgerFigures): string {
  const out = [
    heading("3. Audit ledger"),
    subheading(`Append (appendEvent, one writer; up to ${int(APPEND_MAX)} events or ${APPEND_BUDGET_MS / 1000} s per backend)`),
    table(
      ["Backend", "Open+migrate ms", "Events", "Events/s", "Median ms", "p95 ms"],
      f.backends.map((b) => [b.backend, ms(b.openMs), int(b.append.events), int(b.append.eventsPerSecond), ms(b.append.latencyMs.median), ms(b.append.latencyMs.p95)]),
    ),
  ];
  for (const b of f.backends) {
    const c = b.concurrent;
    if (!c) continue;
    out.push(
      subheading(`${c.writers} concurrent writers vs. 1 on ${b.backend} (${int(CONCURRENT_EVENTS)} events each run; the append lock serialises them)`),
      table(
        ["Writers", "Events", "Wall ms", "Events/s", "Median ms", "p95 ms"],
        [c.one, c.many].map((r, i) => [i === 0 ? "1" : String(c.writers), int(r.events), ms(r.totalMs), int(r.eventsPerSecond), ms(r.latencyMs.median), ms(r.latencyMs.p95)]),
      ),
      `  Throughput ${c.writers} / 1: ${ratio(c.many.eventsPerSecond, c.one.eventsPerSecond)}; p95 latency ${c.writers} / 1: ${ratio(c.many.latencyMs.p95, c.one.latencyMs.p95)}.`,
    );
  }
  out.push(
    subheading(`verifyLedger over a ${int(CHAIN_EVENTS)}-event chain (median of ${VERIFY_RUNS})`),
    table(
      ["Backend", "Events", "Median ms", "p95 ms", "Events/s", "Chain intact", "Bulk seed ms"],
      f.backends.map((b) => [b.backend, int(b.verify.events), ms(b.verify.ms.median), ms(b.verify.ms.p95), int(b.verify.eventsPerSecond), b.verify.intact ? "yes" : "NO", ms(b.verify.seedMs)]),
    ),
    subheading(`secretHintsFor: ${int(HINT_IDS)} token ids against ${int(CHAIN_EVENTS)} events (${HINT_RUNS} runs)`),
    table(
      ["Backend", "Ids", "Hints found", "Median ms", "p95 ms"],
      f.backends.map((b) => [b.backend, int(b.hints.ids), int(b.hints.hits), ms(b.hints.ms.median), ms(b.hints.ms.p95)]),
    ),
  );
  for (const s of f.skipped) out.push(`  Note: ${s.backend} skipped: ${s.reason}.`);
  return out.join("\n");
}
