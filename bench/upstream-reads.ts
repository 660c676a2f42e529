/**
 * Upstream reads: what the list cache (lib/etoro/read-cache.ts, single-flight + TTL)
 * saves of eToro's 60-requests-a-minute quota. Runs `listPortfolios` against the
 * sandbox with 1,000 seeded portfolios and 50 ms injected latency, counting the
 * upstream calls the sandbox actually received (GET /__sandbox/stats).
 */
import { randomUUID } from "node:crypto";
import { startSandbox } from "../sandbox/server";
import { ALICE, TEST_API_KEY, control, testSandboxOptions } from "../tests/support/sandbox-client";
import { heading, int, median, ms, percent, ratio, round, subheading, summarize, table, type BenchResult, type Summary } from "./report";

type Client = typeof import("../lib/etoro/agent-portfolios");

const SEEDED_PORTFOLIOS = 1_000;
const LATENCY_MS = 50;
const CONCURRENT_READS = 10;
const TRIALS = 5;
const PAGE_VIEWS = 100;
const LIST_ROUTE = "GET /api/v1/agent-portfolios";
/** Mirrors LIST_TTL_MS in lib/etoro/agent-portfolios.ts (not exported there). */
const LIST_TTL_MS = 15_000;
/** eToro's published quota per user key. */
const ETORO_QUOTA_PER_MINUTE = 60;
/** What "a busy page" means below: a few people and a polling tab on one account. */
const BUSY_VIEWS_PER_MINUTE = 100;

type Side = { calls: number; wallMs: Summary };

export type UpstreamFigures = {
  setup: { seededPortfolios: number; latencyMs: number; trials: number };
  concurrent: { reads: number; cached: Side; direct: Side; callsSaved: number; callRatio: number; timeRatio: number };
  sequential: {
    views: number;
    cached: { calls: number; totalMs: number; perViewMs: Summary };
    uncached: { calls: number; totalMs: number; perViewMs: Summary };
    quotaPerBusyMinute: {
      busyViewsPerMinute: number;
      etoroQuota: number;
      listTtlMs: number;
      cachedCalls: number;
      uncachedCalls: number;
      secondsUntilQuotaGoneUncached: number;
    };
  };
};

/** The client reads its target from the environment once, so set it before the first import. */
async function loadClient(baseUrl: string): Promise<Client> {
  process.env.ETORO_API_BASE_URL = baseUrl;
  process.env.ETORO_API_KEY = TEST_API_KEY;
  process.env.SESSION_SECRET ??= "bench-".repeat(8);
  process.env.ETORO_TIMEOUT_MS = "10000";
  return import("../lib/etoro/agent-portfolios");
}

/** A read with no cache at all: one plain fetch, parsed, nothing shared. */
async function directRead(baseUrl: string): Promise<unknown> {
  const res = await fetch(`${baseUrl}/api/v1/agent-portfolios`, {
    headers: { "x-api-key": TEST_API_KEY, "x-user-key": ALICE, "x-request-id": randomUUID() },
  });
  if (!res.ok) throw new Error(`direct read answered ${res.status}`);
  return res.json();
}

export async function benchUpstreamReads(): Promise<BenchResult<UpstreamFigures>> {
  const sandbox = await startSandbox(testSandboxOptions({ seedPortfolios: SEEDED_PORTFOLIOS }));
  try {
    const client = await loadClient(sandbox.url);
    const alice = { apiKey: TEST_API_KEY, userKey: ALICE };
    const resetStats = () => control(sandbox, "POST", "/__sandbox/stats/reset");
    const listCalls = async () => {
      const { body } = await control<{ byRoute: Record<string, number> }>(sandbox, "GET", "/__sandbox/stats");
      return body.byRoute[LIST_ROUTE] ?? 0;
    };

    // Warm-up without latency (JIT, keep-alive sockets), then every API call pays 50 ms.
    await client.listPortfolios(alice, { fresh: true });
    await directRead(sandbox.url);
    const fault = await control(sandbox, "POST", "/__sandbox/faults", { latencyMs: LATENCY_MS });
    if (fault.status !== 204) throw new Error(`could not inject latency (${fault.status})`);

    // (a) Cold cache, 10 reads at once. The first read drops the entry (fresh: true),
    // the other nine join its flight, as ten requests of one account would.
    const cachedWall: number[] = [];
    const cachedCalls: number[] = [];
    const directWall: number[] = [];
    const directCalls: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      await resetStats();
      let started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENT_READS }, (_, i) => client.listPortfolios(alice, { fresh: i === 0 })),
      );
      cachedWall.push(performance.now() - started);
      cachedCalls.push(await listCalls());

      await resetStats();
      started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENT_READS }, () => directRead(sandbox.url)));
      directWall.push(performance.now() - started);
      directCalls.push(await listCalls());
    }
    const concurrent = {
      reads: CONCURRENT_READS,
      cached: { calls: median(cachedCalls), wallMs: summarize(cachedWall) },
      direct: { calls: median(directCalls), wallMs: summarize(directWall) },
      callsSaved: 0,
      callRatio: 0,
      timeRatio: 0,
    };
    concurrent.callsSaved = round(1 - concurrent.cached.calls / concurrent.direct.calls);
    concurrent.callRatio = round(concurrent.direct.calls / concurrent.cached.calls);
    concurrent.timeRatio = round(concurrent.direct.wallMs.median / concurrent.cached.wallMs.median);

    // (b) 100 page views one after another, well inside the TTL: the first one loads.
    // "Uncached" is the same client forced past its cache (fresh: true) on every view.
    const views = async (fresh: (i: number) => boolean) => {
      await resetStats();
      const perView: number[] = [];
      const started = performance.now();
      for (let i = 0; i < PAGE_VIEWS; i++) {
        const t = performance.now();
        await client.listPortfolios(alice, { fresh: fresh(i) });
        perView.push(performance.now() - t);
      }
      const totalMs = performance.now() - started;
      return { calls: await listCalls(), totalMs: round(totalMs), perViewMs: summarize(perView) };
    };
    const cachedViews = await views((i) => i === 0);
    const uncachedViews = await views(() => true);

    // Per minute of a busy page: with the cache the list reloads at most once per TTL
    // window (each window costs what 100 views cost here); without it, every view is a call.
    const windowsPerMinute = Math.ceil(60_000 / LIST_TTL_MS);
    const quota = {
      busyViewsPerMinute: BUSY_VIEWS_PER_MINUTE,
      etoroQuota: ETORO_QUOTA_PER_MINUTE,
      listTtlMs: LIST_TTL_MS,
      cachedCalls: windowsPerMinute * Math.max(1, cachedViews.calls),
      uncachedCalls: BUSY_VIEWS_PER_MINUTE * (uncachedViews.calls / PAGE_VIEWS),
      secondsUntilQuotaGoneUncached: 0,
    };
    quota.secondsUntilQuotaGoneUncached = round((60 * ETORO_QUOTA_PER_MINUTE) / quota.uncachedCalls, 1);

    const figures: UpstreamFigures = {
      setup: { seededPortfolios: SEEDED_PORTFOLIOS, latencyMs: LATENCY_MS, trials: TRIALS },
      concurrent,
      sequential: { views: PAGE_VIEWS, cached: cachedViews, uncached: uncachedViews, quotaPerBusyMinute: quota },
    };
    return { text: render(figures), figures };
  } finally {
    await sandbox.close();
  }
}

function render(f: UpstreamFigures): string {
  const c = f.concurrent;
  const s = f.sequential;
  const q = s.quotaPerBusyMinute;
  const measuredRate = (PAGE_VIEWS / s.uncached.totalMs) * 60_000;
  return [
    heading("1. Upstream reads (listPortfolios vs. the sandbox)"),
    `  ${int(f.setup.seededPortfolios)} seeded portfolios, ${f.setup.latencyMs} ms injected latency per API call; ` +
      `upstream calls counted by the sandbox (/__sandbox/stats).`,
    subheading(`(a) ${c.reads} concurrent reads, cold cache (median of ${f.setup.trials} trials)`),
    table(
      ["Path", "Upstream calls", "Wall median ms", "Wall p95 ms"],
      [
        ["listPortfolios (single-flight cache)", c.cached.calls, ms(c.cached.wallMs.median), ms(c.cached.wallMs.p95)],
        [`${c.reads} independent fetch() to the sandbox`, c.direct.calls, ms(c.direct.wallMs.median), ms(c.direct.wallMs.p95)],
      ],
    ),
    `  Calls saved: ${percent(c.callsSaved)} (${ratio(c.direct.calls, c.cached.calls)} fewer calls); ` +
      `wall time direct / cached: ${ratio(c.direct.wallMs.median, c.cached.wallMs.median)} ` +
      `(the cached path also validates and reshapes the ${int(f.setup.seededPortfolios)} portfolios once).`,
    subheading(`(b) ${s.views} sequential page views within the ${q.listTtlMs / 1000} s cache TTL`),
    table(
      ["Path", "Upstream calls", "Total ms", "Per view median ms", "Per view p95 ms"],
      [
        ["listPortfolios (cached)", s.cached.calls, ms(s.cached.totalMs), ms(s.cached.perViewMs.median), ms(s.cached.perViewMs.p95)],
        ["listPortfolios (fresh: true, no cache)", s.uncached.calls, ms(s.uncached.totalMs), ms(s.uncached.perViewMs.median), ms(s.uncached.perViewMs.p95)],
      ],
    ),
    `  Calls: ${ratio(s.uncached.calls, s.cached.calls)} fewer with the cache.`,
    subheading(`Quota spent per minute of a busy page (${q.busyViewsPerMinute} views/min on one account; eToro allows ${q.etoroQuota}/min)`),
    table(
      ["Path", "Calls/min", "Share of quota"],
      [
        [`cached (≤ 1 load per ${q.listTtlMs / 1000} s window)`, q.cachedCalls, percent(q.cachedCalls / q.etoroQuota)],
        ["no cache (1 call per view)", q.uncachedCalls, percent(q.uncachedCalls / q.etoroQuota)],
      ],
    ),
    `  Without the cache the quota is gone after ${q.secondsUntilQuotaGoneUncached} s of such a minute and every later view is a 429; ` +
      `back to back (as measured) one tab could fire ~${int(measuredRate)} calls/min.`,
  ].join("\n");
}
