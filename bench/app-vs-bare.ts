/**
 * The console against the floor it stands on: a bare Next 16 app built from the
 * same node_modules (bench/bare-next/). Production builds, sandbox quota off, all
 * on 127.0.0.1. Measures what the performance targets name, each beside its bare-Next or
 * small-account counterpart as a ratio:
 *   first-load JS · route req/s at 16 concurrent · a 1,000 × 10 account against a
 *   small one (list route, first rows on screen, main-thread work per keystroke) ·
 *   upstream calls per 100 page views with one and two instances · server memory.
 * Needs `npm run build` first (the console) and PostgreSQL for the two-instance and
 * Postgres-memory rows (skipped, with the reason, when it is not reachable).
 */
import type { Browser, Page } from "@playwright/test";
import { rm } from "node:fs/promises";
import { createPostgresDatabase, probePostgres } from "../lib/db/throwaway-database";
import { contextWith, firstLoadJsKb, keystrokeMainThreadMs, launchBrowser, readyMs } from "./browser-pages";
import { bodySize, CONCURRENCY, signIn, throughput, type Throughput } from "./http-load";
import { heading, int, ms, ratio, round, subheading, table, type BenchResult } from "./report";
import { buildBareApp, consoleIsBuilt, freshDataDir, serverPeakMb, serverRssMb, startBareApp, startConsole, type Server } from "./servers";

const BASE_PORT = Number(process.env.BENCH_PORT || 3900);
const SANDBOX_BASE_PORT = BASE_PORT + 1000;
const BIG = { portfolios: 1_000, tokens: 10 };
const PAGE_VIEWS = 100;
const SHARED_SECRET = "bench-shared-instances-".padEnd(48, "z");
/** The sandbox's control API; the header is what it asks of local tools. */
const CONTROL_HEADERS = { "x-sandbox-control": "1", "content-type": "application/json" };

type PageFigure = { path: string; kb: number | null; files: number; ratio: number | null };
type MemoryFigure = { setup: string; startMb: number; loadedMb: number; startRatio: number; loadedRatio: number; peakMb: number };

export type AppFigures = {
  bare: { firstLoadKb: number; routeRps: Throughput; startMb: number; loadedMb: number; peakMb: number };
  firstLoad: PageFigure[];
  routes: { route: string; rps: Throughput; ratio: number }[];
  bigAccount: {
    listRps: { small: number; big: number };
    listBody: { small: number; big: number; smallGzip: number; bigGzip: number };
    ready: { page: string; smallMs: number | null; bigMs: number | null }[];
    keystrokeMs: { small: number | null; big: number | null };
    /** The same keystroke in /tokens' search box. */
    tokensKeystrokeMs: { small: number | null; big: number | null };
  };
  quota: { instances: number; pageViews: number; upstreamListCalls: number }[];
  memory: MemoryFigure[];
  skipped: string[];
};

async function sandboxListCalls(sandboxUrl: string): Promise<number> {
  const res = await fetch(`${sandboxUrl}/__sandbox/stats`, { headers: CONTROL_HEADERS });
  const body = (await res.json()) as { byRoute: Record<string, number> };
  return body.byRoute["GET /api/v1/agent-portfolios"] ?? 0;
}

async function resetSandboxStats(sandboxUrl: string): Promise<void> {
  await fetch(`${sandboxUrl}/__sandbox/stats/reset`, { method: "POST", headers: CONTROL_HEADERS, body: "{}" });
}

const portfoliosReady = (page: Page) => page.locator('[data-testid^="portfolio-"]').first().waitFor({ state: "visible", timeout: 30_000 });
const tokensReady = (page: Page) => page.getByRole("row").nth(1).waitFor({ state: "visible", timeout: 30_000 });

/** Whether a page exists in this build (the admin pages come with later work). */
async function pageExists(url: string, cookie: string): Promise<boolean> {
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  return res.status === 200;
}

async function withServer<T>(start: () => Promise<Server>, measure: (server: Server) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await measure(server);
  } finally {
    await server.stop();
  }
}

async function searchCost(browser: Browser, url: string, cookie: string, path = "/portfolios", ready = portfoliosReady): Promise<number | null> {
  const context = await contextWith(browser, url, cookie);
  try {
    const page = await context.newPage();
    await page.goto(`${url}${path}`);
    await ready(page);
    return await keystrokeMainThreadMs(page, page.getByRole("searchbox", { name: "Search" }).or(page.getByLabel("Search", { exact: true })).first());
  } finally {
    await context.close();
  }
}

export async function benchAppVsBare(): Promise<BenchResult<AppFigures>> {
  if (!consoleIsBuilt()) throw new Error("no production build: run `npm run build` first");
  const skipped: string[] = [];
  await buildBareApp();
  const browser = await launchBrowser();
  try {
    // The floor.
    const bare = await withServer(
      () => startBareApp(BASE_PORT),
      async (server) => {
        const startMb = await serverRssMb(server.pid);
        const context = await contextWith(browser, server.url);
        const firstLoad = await firstLoadJsKb(context, `${server.url}/`);
        await context.close();
        const routeRps = await throughput(`${server.url}/api/ping`, { cookie: "session=x".padEnd(400, "x") });
        const loadedMb = await serverRssMb(server.pid);
        return { firstLoadKb: firstLoad.kb, routeRps, startMb, loadedMb, peakMb: await serverPeakMb(server.pid) };
      },
    );

    // A normal account on the embedded default (fresh ledger directory: PGlite's first boot).
    const dataDir = await freshDataDir();
    const small = await withServer(
      () => startConsole({ port: BASE_PORT + 1, sandboxPort: SANDBOX_BASE_PORT + 1, env: { PGLITE_DATA_DIR: dataDir } }),
      async (server) => {
        const startMb = await serverRssMb(server.pid);
        const cookie = await signIn(server.url);
        const signedOut = await contextWith(browser, server.url);
        const signedIn = await contextWith(browser, server.url, cookie);
        const firstLoad: PageFigure[] = [];
        for (const [path, context] of [["/login", signedOut], ["/portfolios", signedIn], ["/tokens", signedIn], ["/audit", signedIn]] as const) {
          if (!(await pageExists(`${server.url}${path}`, path === "/login" ? "" : cookie))) {
            firstLoad.push({ path, kb: null, files: 0, ratio: null });
            continue;
          }
          const { kb, files } = await firstLoadJsKb(context, `${server.url}${path}`);
          firstLoad.push({ path, kb, files, ratio: round(kb / bare.firstLoadKb, 2) });
        }
        const readyPortfolios = await readyMs(signedIn, `${server.url}/portfolios`, portfoliosReady);
        const readyTokens = (await pageExists(`${server.url}/tokens`, cookie)) ? await readyMs(signedIn, `${server.url}/tokens`, tokensReady) : null;
        await signedOut.close();
        await signedIn.close();
        const keystroke = await searchCost(browser, server.url, cookie);
        const tokensKeystroke = readyTokens === null ? null : await searchCost(browser, server.url, cookie, "/tokens", tokensReady);
        const scopes = await throughput(`${server.url}/api/scopes`, { cookie });
        const portfolios = await throughput(`${server.url}/api/portfolios`, { cookie });
        const listBody = await bodySize(`${server.url}/api/portfolios`, cookie);

        // Quota, one instance: 100 page views' list reads, counted at the sandbox.
        const sandboxUrl = `http://127.0.0.1:${SANDBOX_BASE_PORT + 1}`;
        await new Promise((r) => setTimeout(r, 16_000)); // let the list cache lapse: start from a cold read
        await resetSandboxStats(sandboxUrl);
        for (let i = 0; i < PAGE_VIEWS; i++) await fetch(`${server.url}/api/portfolios`, { headers: { cookie } });
        const oneInstanceCalls = await sandboxListCalls(sandboxUrl);
        const loadedMb = await serverRssMb(server.pid);
        const peakMb = await serverPeakMb(server.pid);
        return { startMb, loadedMb, peakMb, firstLoad, readyPortfolios, readyTokens, keystroke, tokensKeystroke, scopes, portfolios, listBody, oneInstanceCalls };
      },
    );

    // The same directory reopened: what every later start of the embedded default costs.
    const reopened = await withServer(
      () => startConsole({ port: BASE_PORT + 1, sandboxPort: SANDBOX_BASE_PORT + 1, env: { PGLITE_DATA_DIR: dataDir } }),
      async (server) => {
        const startMb = await serverRssMb(server.pid);
        const cookie = await signIn(server.url);
        await throughput(`${server.url}/api/portfolios`, { cookie, seconds: 4 });
        const loadedMb = await serverRssMb(server.pid);
        return { startMb, loadedMb, peakMb: await serverPeakMb(server.pid) };
      },
    );
    await rm(dataDir, { recursive: true, force: true });

    // A big account: 1,000 portfolios × 10 tokens.
    const bigDir = await freshDataDir();
    const big = await withServer(
      () =>
        startConsole({
          port: BASE_PORT + 2,
          sandboxPort: SANDBOX_BASE_PORT + 2,
          env: { PGLITE_DATA_DIR: bigDir, SANDBOX_SEED_PORTFOLIOS: String(BIG.portfolios), SANDBOX_SEED_TOKENS: String(BIG.tokens) },
        }),
      async (server) => {
        const cookie = await signIn(server.url);
        const context = await contextWith(browser, server.url, cookie);
        const readyPortfolios = await readyMs(context, `${server.url}/portfolios`, portfoliosReady);
        const readyTokens = (await pageExists(`${server.url}/tokens`, cookie)) ? await readyMs(context, `${server.url}/tokens`, tokensReady) : null;
        await context.close();
        const keystroke = await searchCost(browser, server.url, cookie);
        const tokensKeystroke = readyTokens === null ? null : await searchCost(browser, server.url, cookie, "/tokens", tokensReady);
        const portfolios = await throughput(`${server.url}/api/portfolios`, { cookie });
        const listBody = await bodySize(`${server.url}/api/portfolios`, cookie);
        return { readyPortfolios, readyTokens, keystroke, tokensKeystroke, portfolios, listBody };
      },
    );
    await rm(bigDir, { recursive: true, force: true });

    // Two instances on one PostgreSQL (the multi-instance deployment), and its memory.
    const quota = [{ instances: 1, pageViews: PAGE_VIEWS, upstreamListCalls: small.oneInstanceCalls }];
    const memory: MemoryFigure[] = [];
    const mem = (setup: string, startMb: number, loadedMb: number, peakMb: number): MemoryFigure => ({
      setup,
      startMb: Math.round(startMb),
      loadedMb: Math.round(loadedMb),
      peakMb: Math.round(peakMb),
      startRatio: round(startMb / bare.startMb, 2),
      loadedRatio: round(loadedMb / bare.loadedMb, 2),
    });
    memory.push(mem("embedded PGlite, first boot (empty data directory)", small.startMb, small.loadedMb, small.peakMb));
    memory.push(mem("embedded PGlite, reopened data directory", reopened.startMb, reopened.loadedMb, reopened.peakMb));

    const postgresProblem = await probePostgres();
    if (postgresProblem) {
      skipped.push(`PostgreSQL rows: ${postgresProblem}`);
    } else {
      const database = await createPostgresDatabase("apc_bench_app");
      try {
        const sandboxPort = SANDBOX_BASE_PORT + 3;
        const common = { SESSION_SECRET: SHARED_SECRET, GATEWAY_TOKEN_SECRET: SHARED_SECRET, DATABASE_URL: database.url, COOKIE_SECURE: "0" };
        const first = await startConsole({ port: BASE_PORT + 3, sandboxPort, env: common });
        try {
          const pgStartMb = await serverRssMb(first.pid);
          const second = await startConsole({
            port: BASE_PORT + 4,
            sandboxPort: SANDBOX_BASE_PORT + 4,
            env: { ...common, ETORO_API_BASE_URL: `http://127.0.0.1:${sandboxPort}`, ETORO_API_KEY: "sandbox-api-key" },
          });
          try {
            const cookie = await signIn(first.url);
            const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
            await new Promise((r) => setTimeout(r, 16_000));
            await resetSandboxStats(sandboxUrl);
            for (let i = 0; i < PAGE_VIEWS; i++) {
              await fetch(`${(i % 2 ? second : first).url}/api/portfolios`, { headers: { cookie } });
            }
            quota.push({ instances: 2, pageViews: PAGE_VIEWS, upstreamListCalls: await sandboxListCalls(sandboxUrl) });
            await throughput(`${first.url}/api/portfolios`, { cookie, seconds: 4 });
            memory.push(mem("PostgreSQL (DATABASE_URL)", pgStartMb, await serverRssMb(first.pid), await serverPeakMb(first.pid)));
          } finally {
            await second.stop();
          }
        } finally {
          await first.stop();
        }
      } finally {
        await database.drop();
      }
    }

    const figures: AppFigures = {
      bare,
      firstLoad: small.firstLoad,
      routes: [
        { route: "GET /api/scopes", rps: small.scopes, ratio: round(small.scopes.requestsPerSecond / bare.routeRps.requestsPerSecond, 2) },
        { route: "GET /api/portfolios (small account)", rps: small.portfolios, ratio: round(small.portfolios.requestsPerSecond / bare.routeRps.requestsPerSecond, 2) },
        { route: `GET /api/portfolios (${int(BIG.portfolios)} × ${BIG.tokens})`, rps: big.portfolios, ratio: round(big.portfolios.requestsPerSecond / bare.routeRps.requestsPerSecond, 2) },
      ],
      bigAccount: {
        listRps: { small: small.portfolios.requestsPerSecond, big: big.portfolios.requestsPerSecond },
        listBody: { small: small.listBody.bytes, big: big.listBody.bytes, smallGzip: small.listBody.gzipBytes, bigGzip: big.listBody.gzipBytes },
        ready: [
          { page: "/portfolios", smallMs: small.readyPortfolios, bigMs: big.readyPortfolios },
          { page: "/tokens", smallMs: small.readyTokens, bigMs: big.readyTokens },
        ],
        keystrokeMs: { small: small.keystroke, big: big.keystroke },
        tokensKeystrokeMs: { small: small.tokensKeystroke, big: big.tokensKeystroke },
      },
      quota,
      memory,
      skipped,
    };
    return { text: render(figures), figures };
  } finally {
    await browser.close();
  }
}

const na = (x: number | null | undefined, f: (n: number) => string = String) => (x === null || x === undefined ? "n/a" : f(x));

function render(f: AppFigures): string {
  const b = f.bigAccount;
  return [
    heading("4. The console against a bare Next 16 app (production builds, 127.0.0.1)"),
    subheading("(a) First-load JavaScript, transferred (compressed), cold cache"),
    table(
      ["Page", "KB", "Files", "× bare"],
      [["bare Next /", f.bare.firstLoadKb, "", "1.0×"], ...f.firstLoad.map((p) => [p.path, na(p.kb), p.kb === null ? "" : p.files, p.ratio === null ? "not built" : `${p.ratio}×`])],
    ),
    subheading(`(b) Route handlers, ${CONCURRENCY} concurrent (autocannon, 8 s after 2 s warm-up)`),
    table(
      ["Route", "req/s", "p50 ms", "p99 ms", "× bare"],
      [
        ["bare GET /api/ping (reads a cookie)", f.bare.routeRps.requestsPerSecond, f.bare.routeRps.p50Ms, f.bare.routeRps.p99Ms, "1.0×"],
        ...f.routes.map((r) => [r.route, r.rps.requestsPerSecond, r.rps.p50Ms, r.rps.p99Ms, `${r.ratio}×`]),
      ],
    ),
    subheading(`(c) A big account (${int(BIG.portfolios)} portfolios × ${BIG.tokens} tokens) against a small one`),
    table(
      ["What", "small", "big", "big / small"],
      [
        ["GET /api/portfolios req/s", b.listRps.small, b.listRps.big, ratio(b.listRps.big, b.listRps.small)],
        ["GET /api/portfolios body KB", int(b.listBody.small / 1000), int(b.listBody.big / 1000), ratio(b.listBody.big, b.listBody.small)],
        ["… gzipped KB", int(b.listBody.smallGzip / 1000), int(b.listBody.bigGzip / 1000), ratio(b.listBody.bigGzip, b.listBody.smallGzip)],
        ...b.ready.map((r) => [`${r.page} first rows, ms (warm, median of 5)`, na(r.smallMs, ms), na(r.bigMs, ms), r.smallMs && r.bigMs ? ratio(r.bigMs, r.smallMs) : "n/a"]),
        ["search keystroke, main-thread ms (median)", na(b.keystrokeMs.small), na(b.keystrokeMs.big), b.keystrokeMs.small && b.keystrokeMs.big ? ratio(b.keystrokeMs.big, b.keystrokeMs.small) : "n/a"],
        ["/tokens search keystroke, main-thread ms (median)", na(b.tokensKeystrokeMs.small), na(b.tokensKeystrokeMs.big), b.tokensKeystrokeMs.small && b.tokensKeystrokeMs.big ? ratio(b.tokensKeystrokeMs.big, b.tokensKeystrokeMs.small) : "n/a"],
      ],
    ),
    subheading(`(d) Upstream list calls per ${PAGE_VIEWS} page views of one account (within one cache lifetime)`),
    table(["Instances", "Page views", "eToro list calls"], f.quota.map((q) => [q.instances, q.pageViews, q.upstreamListCalls])),
    subheading("(e) Server memory: RSS of the server process, sandbox excluded (peak = VmHWM, the most it ever held)"),
    table(
      ["Setup", "start MB", "× bare", "after load MB", "× bare", "peak MB"],
      [
        ["bare Next", Math.round(f.bare.startMb), "1.0×", Math.round(f.bare.loadedMb), "1.0×", Math.round(f.bare.peakMb)],
        ...f.memory.map((m) => [m.setup, m.startMb, `${m.startRatio}×`, m.loadedMb, `${m.loadedRatio}×`, m.peakMb]),
      ],
    ),
    ...(f.skipped.length ? ["", ...f.skipped.map((s) => `  skipped: ${s}`)] : []),
  ].join("\n");
}
