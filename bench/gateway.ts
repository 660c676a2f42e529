/**
 * The agent gateway against its floor, every process apart on 127.0.0.1: the
 * sandbox as eToro, the gateway as `npm run gateway` serves it (PGlite, usage
 * written, a JSON log line per request), a bare pass-through proxy from the same
 * libraries (bench/gateway/bare-proxy.ts), and the load generator
 * (bench/gateway/load-gen.ts, an undici pool) in a process of its own.
 *
 * Measured at 50 connections, in rounds that alternate the targets (the machine
 * is shared, so one slow moment must not land on one target only), medians over
 * the rounds:
 *   - latency at a fixed offered rate (open loop, below every target's capacity):
 *     p50/p99 of direct-to-sandbox, through the bare proxy and through the gateway;
 *     "added" is the gateway's minus the direct figure (and minus the bare proxy's);
 *   - the same with one connection (no queueing: the cost of one request);
 *   - req/s, closed loop: the gateway's against the bare proxy's;
 *   - orders (POST by amount, demo) the same way, fewer rounds;
 *   - 100,000 reads more through the gateway, heap and RSS read after a full
 *     collection every 10,000 (the slope says whether memory is flat);
 *   - usage rows after a flush against every request the gateway was sent.
 * Each variant of bench/gateway/variants.ts gets its own rows.
 * BENCH_GATEWAY_FLOOR=1 adds the usage floor: the bare proxy plus only the usage record
 * (and an order's ledger event) every gateway request must leave (bench/gateway/usage-floor.ts).
 * BENCH_GATEWAY_BASELINE=<another checkout> adds that checkout's gateway as one more
 * target (before and after, interleaved); BENCH_GATEWAY_VARIANTS=a,b picks variants.
 * BENCH_GATEWAY_PROFILE=<dir> writes a V8 CPU profile of each gateway process (and
 * of its database thread) and of the bare proxy there, over one round of reads (or of orders with
 * BENCH_GATEWAY_PROFILE_WHAT=orders); bench/gateway/profile-summary.ts reads them.
 */
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { GatewayProcessArgs } from "./gateway/gateway-process";
import type { UsageFloorArgs } from "./gateway/usage-floor";
import type { LoadResult, LoadSpec } from "./gateway/load-gen";
import { GATEWAY_VARIANTS, type BenchToken } from "./gateway/variants";
import { createPostgresDatabase, probePostgres, redactedAdminUrl } from "../lib/db/throwaway-database";
import { heading, int, median, ms, round, subheading, table, type BenchResult } from "./report";
import { ROOT } from "./servers";

export const GATEWAY_CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS || 5);
const ORDER_ROUNDS = 3;
const RUN_MS = 4_000;
/** BENCH_GATEWAY_MEMORY_REQUESTS=0 skips the memory run (a quicker look at the other figures). */
const MEMORY_REQUESTS = Number(process.env.BENCH_GATEWAY_MEMORY_REQUESTS ?? 100_000);
const MEMORY_CHECKPOINTS = MEMORY_REQUESTS > 0 ? 10 : 0;
const EGRESS = "127.0.0.2";
const API_KEY = "sandbox-api-key";
const OWNER = "sandbox-alice";
const READ_PATH = "/api/v1/market-data/instruments/rates?instrumentIds=1001,1002,1003";
const ORDER_PATH = "/api/v1/trading/execution/demo/market-open-orders/by-amount";
const ORDER_BODY = JSON.stringify({ InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: 10 });
/**
 * Each demo book holds 100,000 USD: orders rotate over this many portfolios so they keep being
 * filled. The usage floor adds two targets that place orders too; 40 books ran dry in the third
 * round with them (the bare proxy's cheaper refusals then inflated its req/s).
 */
const ORDER_TOKENS = process.env.BENCH_GATEWAY_FLOOR === "1" ? 80 : 40;

const USAGE_FLOOR = "usage floor";

type Proc = { child: ChildProcess; port: number; stop(): Promise<void> };

/**
 * A proxy's script compiled the way `npm run build` compiles the server (scripts/build-server.mjs),
 * so the proxies run as `npm start` and `npm run gateway` do: plain JavaScript, no tsx loader and
 * no name wrapper on every closure (BENCHMARKS.md, "The TypeScript loader"). From `root`'s own
 * sources and tsconfig, so a baseline checkout is compiled the same way.
 */
function compiled(script: string, root: string): string {
  const outfile = path.join(root, "dist", "bench", script.replace(/\.ts$/, ".mjs"));
  // Once per run: every gateway variant starts the same script.
  if (compiledThisRun.has(outfile)) return outfile;
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-server.mjs"), script, outfile], { cwd: root, stdio: "inherit" });
  compiledThisRun.add(outfile);
  return outfile;
}
const compiledThisRun = new Set<string>();

/** Starts a node process on its compiled script and waits for the JSON line that names its port. */
function startProcess(script: string, args: unknown, portKey: string, nodeArgs: string[] = [], root = ROOT): Promise<Proc> {
  const child = spawn(process.execPath, [...nodeArgs, "--conditions=react-server", compiled(script, root), JSON.stringify(args)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr!.on("data", (d) => (errors = (errors + d).slice(-4000)));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let found = false;
    lines.on("line", (line) => {
      if (found || !line.includes(`"${portKey}"`)) return;
      found = true;
      // From here on the gateway's log lines are drained unread: splitting them into lines was this process's work, on the machine's shared cores.
      lines.close();
      child.stdout!.resume();
      resolve({ child, port: (JSON.parse(line) as Record<string, number>)[portKey], stop });
    });
    child.once("exit", (code) => {
      if (!found) reject(new Error(`${script} exited ${code} before listening:\n${errors}`));
    });
  });
}

/** The sandbox prints its URL; quota and request log off. */
async function startSandbox(): Promise<Proc & { url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "sandbox", "main.ts")], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_RATE_LIMIT: "0", SANDBOX_LOG: "0", SANDBOX_API_KEY: API_KEY, SANDBOX_USER_KEYS: OWNER },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  return { child, port: Number(new URL(url).port), url, stop };
}

/** The load generator, forked once and kept warm. */
function startLoadGenerator() {
  const child = fork(path.join(ROOT, "bench", "gateway", "load-gen.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let next = 0;
  const waiting = new Map<number, (r: LoadResult) => void>();
  child.on("message", (m: { id: number; result: LoadResult }) => waiting.get(m.id)?.(m.result));
  return {
    run(spec: LoadSpec): Promise<LoadResult> {
      const id = ++next;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.send({ id, spec });
      });
    },
    stop: () => void child.disconnect(),
  };
}

async function mintToken(sandboxUrl: string, n: number): Promise<BenchToken> {
  const res = await fetch(`${sandboxUrl}/api/v2/agent-portfolios`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": API_KEY, "x-user-key": OWNER, "x-request-id": randomUUID() },
    body: JSON.stringify({
      agentPortfolioName: `Bench${String(n).padStart(3, "0")}`,
      investmentAmountInUsd: 100_000,
      userTokenName: "bench-agent",
      scopeNames: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
      ipsWhitelist: [],
    }),
  });
  const body = (await res.json()) as { agentPortfolioId: string; userTokens: { userToken: string; userTokenId: string }[] };
  if (res.status !== 201) throw new Error(`minting the bench token answered ${res.status}: ${JSON.stringify(body)}`);
  return { account: "acct-bench", agentPortfolioId: body.agentPortfolioId, userTokenId: body.userTokens[0].userTokenId, secret: body.userTokens[0].userToken };
}

async function control<T>(port: number, what: string, body?: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/__bench/${what}`, { method: "POST", body: JSON.stringify(body ?? {}) });
  if (!res.ok) throw new Error(`/__bench/${what} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** `cpuPort`: where /__bench/cpu tells the process's CPU time (the bare proxy and the gateways; not the sandbox). */
type Target = { name: string; base: string; gatewayPort?: number; cpuPort?: number; sent: number };
/** cpuUsPerRequest: the target process's CPU time (all its threads) per request of the closed-loop runs; steadier than req/s on a busy machine. */
/** loopP99Ms: the gateway's event-loop delay p99 over the open-loop runs (how long a ready request could wait for its thread); gateways only. */
type LatencyRow = { target: string; p50Ms: number; p99Ms: number; rps: number; non2xx: number; cpuUsPerRequest?: number; loopP99Ms?: number };
type Comparison = {
  /** Offered rate of the latency runs. */
  rate: number;
  loaded: LatencyRow[];
  single: LatencyRow[];
  throughput: LatencyRow[];
};
export type GatewayFigures = {
  connections: number;
  rounds: number;
  reads: Comparison;
  orders: Comparison;
  variants: {
    name: string;
    addedP50Ms: number;
    addedP99Ms: number;
    addedOverBareP50Ms: number;
    addedOverBareP99Ms: number;
    singleAddedP50Ms: number;
    throughputRatio: number;
    orderThroughputRatio: number;
    orderAddedP50Ms: number;
    orderAddedP99Ms: number;
    memory: { requests: number; heapMb: number; rssMb: number }[];
    heapSlopeMbPer100k: number;
    rssSlopeMbPer100k: number;
    requestsSent: number;
    usageRows: number;
    non2xx: number;
  }[];
};

const progress = (what: string) => process.stderr.write(`  [gateway bench] ${what}\n`);

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const non2xx = (r: LoadResult) => Object.entries(r.statuses).reduce((s, [code, n]) => s + (code.startsWith("2") ? 0 : n), 0) + r.errors;

export async function benchGateway(): Promise<BenchResult<GatewayFigures>> {
  const sandbox = await startSandbox();
  const load = startLoadGenerator();
  const procs: Proc[] = [];
  const dirs: string[] = [];
  const databases: { drop(): Promise<void> }[] = [];
  try {
    const tokens: BenchToken[] = [];
    for (let n = 0; n < ORDER_TOKENS; n++) tokens.push(await mintToken(sandbox.url, n));
    const token = tokens[0];
    const profileDir = process.env.BENCH_GATEWAY_PROFILE;
    // Profiled too, so the gateway's profile has its floor beside it (per request: see "requests sent" in the profile run's text).
    const bare = await startProcess(
      "bench/gateway/bare-proxy.ts",
      { upstream: sandbox.url, egress: EGRESS },
      "port",
      profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, "bare-proxy")}`] : [],
    );
    procs.push(bare);
    const targets: Target[] = [
      { name: "direct to sandbox", base: sandbox.url, sent: 0 },
      { name: "bare proxy", base: `http://127.0.0.1:${bare.port}/gateway`, cpuPort: bare.port, sent: 0 },
    ];
    const picked = process.env.BENCH_GATEWAY_VARIANTS?.split(",").map((n) => n.trim());
    const postgresProblem = GATEWAY_VARIANTS.some((v) => v.database === "postgres") ? await probePostgres() : null;
    // BENCH_GATEWAY_FLOOR=1: the bare proxy plus only the usage record every gateway request must leave
    // (bench/gateway/usage-floor.ts), on each backend the gateway variants are measured on.
    if (process.env.BENCH_GATEWAY_FLOOR === "1") {
      const dir = await mkdtemp(path.join(os.tmpdir(), "apc-bench-gateway-"));
      dirs.push(dir);
      const where: { name: string; usage: UsageFloorArgs }[] = [{ name: USAGE_FLOOR, usage: { pgliteDir: dir, tokens } }];
      if (!postgresProblem && (!picked || picked.includes("gateway on PostgreSQL"))) {
        const database = await createPostgresDatabase("apc_bench_floor");
        databases.push(database);
        where.push({ name: `${USAGE_FLOOR} on PostgreSQL`, usage: { databaseUrl: database.url, tokens } });
      }
      for (const { name, usage } of where) {
        const floor = await startProcess(
          "bench/gateway/bare-proxy.ts",
          { upstream: sandbox.url, egress: EGRESS, usage },
          "port",
          profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, name.replaceAll(" ", "-"))}`] : [],
        );
        procs.push(floor);
        targets.push({ name, base: `http://127.0.0.1:${floor.port}/gateway`, cpuPort: floor.port, sent: 0 });
      }
    }
    for (const variant of GATEWAY_VARIANTS) {
      if (picked ? !picked.includes(variant.name) : variant.onlyWhenPicked) continue;
      let where: Pick<GatewayProcessArgs, "pgliteDir" | "databaseUrl" | "pgliteThread" | "pgliteThreadNice">;
      if (variant.database === "postgres") {
        if (postgresProblem) {
          progress(`${variant.name}: skipped, PostgreSQL at ${redactedAdminUrl()} unreachable (${postgresProblem})`);
          continue;
        }
        const database = await createPostgresDatabase("apc_bench_gateway");
        databases.push(database);
        where = { databaseUrl: database.url };
      } else {
        const dir = await mkdtemp(path.join(os.tmpdir(), "apc-bench-gateway-"));
        dirs.push(dir);
        where = { pgliteDir: dir, pgliteThread: variant.pgliteThread, pgliteThreadNice: variant.pgliteThreadNice };
      }
      const proc = await startProcess(
        "bench/gateway/gateway-process.ts",
        { upstream: sandbox.url, egress: EGRESS, apiKey: API_KEY, ...where, variant: variant.name } satisfies GatewayProcessArgs,
        "benchPort",
        ["--expose-gc", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])],
      );
      procs.push(proc);
      for (const t of tokens) await control(proc.port, "register", t);
      targets.push({ name: variant.name, base: `http://127.0.0.1:${proc.port}/gateway`, gatewayPort: proc.port, cpuPort: proc.port, sent: 0 });
    }
    // Another checkout's gateway (say, the main branch) as one more target, interleaved with these: before and after under the same noise.
    const baseline = process.env.BENCH_GATEWAY_BASELINE;
    if (baseline) {
      const dir = await mkdtemp(path.join(os.tmpdir(), "apc-bench-gateway-"));
      dirs.push(dir);
      const args: GatewayProcessArgs = { upstream: sandbox.url, egress: EGRESS, apiKey: API_KEY, pgliteDir: dir, variant: GATEWAY_VARIANTS[0].name };
      const proc = await startProcess("bench/gateway/gateway-process.ts", args, "benchPort", ["--expose-gc"], path.resolve(baseline));
      procs.push(proc);
      for (const t of tokens) await control(proc.port, "register", t);
      targets.push({ name: "gateway (baseline)", base: `http://127.0.0.1:${proc.port}/gateway`, gatewayPort: proc.port, cpuPort: proc.port, sent: 0 });
    }
    const headers = { "x-user-key": token.secret, "x-api-key": API_KEY };
    const orderHeaders = tokens.map((t) => ({ "x-user-key": t.secret, "x-api-key": API_KEY, "content-type": "application/json" }));
    const runOn = async (target: Target, spec: Omit<LoadSpec, "url">, pathAndQuery: string) => {
      const result = await load.run({ ...spec, url: `${target.base}${pathAndQuery}`, requestIds: true });
      target.sent += result.sent;
      return result;
    };

    const compare = async (pathAndQuery: string, spec: Pick<LoadSpec, "method" | "headers" | "headerSets" | "body">, rounds: number): Promise<Comparison> => {
      // Warm-up, and each target's capacity to pick an offered rate every one of them can carry.
      const capacity: number[] = [];
      for (const t of targets) capacity.push((await runOn(t, { ...spec, connections: GATEWAY_CONNECTIONS, durationMs: 3_000 }, pathAndQuery)).rps);
      const rate = Math.max(50, Math.round((0.5 * Math.min(...capacity)) / 50) * 50);
      const samples = new Map<string, { loaded: LoadResult[]; single: LoadResult[]; throughput: LoadResult[]; cpu: number[]; loop: number[] }>(
        targets.map((t) => [t.name, { loaded: [], single: [], throughput: [], cpu: [], loop: [] }]),
      );
      const cpuOf = async (t: Target) => (t.cpuPort ? (await control<{ cpuUs: number }>(t.cpuPort, "cpu")).cpuUs : Number.NaN);
      for (let round = 0; round < rounds; round++) {
        // Each round starts with another target, so none is always first after a pause.
        const order = targets.map((_, i) => targets[(i + round) % targets.length]);
        for (const t of order) {
          progress(`${pathAndQuery.split("?")[0].split("/").at(-1)} round ${round + 1}/${rounds}: ${t.name}`);
          const s = samples.get(t.name)!;
          if (t.gatewayPort) await control(t.gatewayPort, "loop"); // read and reset: the next reading covers this run only
          s.loaded.push(await runOn(t, { ...spec, connections: GATEWAY_CONNECTIONS, durationMs: RUN_MS, rate }, pathAndQuery));
          if (t.gatewayPort) s.loop.push((await control<{ p99Ms: number }>(t.gatewayPort, "loop")).p99Ms);
          s.single.push(await runOn(t, { ...spec, connections: 1, durationMs: RUN_MS / 2 }, pathAndQuery));
          const cpuBefore = await cpuOf(t);
          const run = await runOn(t, { ...spec, connections: GATEWAY_CONNECTIONS, durationMs: RUN_MS }, pathAndQuery);
          s.throughput.push(run);
          // Includes what the process does after the run ends (a usage batch still being written): the CPU the requests cost.
          await new Promise((r) => setTimeout(r, 1_500));
          s.cpu.push(((await cpuOf(t)) - cpuBefore) / run.sent);
        }
      }
      const rows = (pick: "loaded" | "single" | "throughput") =>
        targets.map((t) => {
          const runs = samples.get(t.name)![pick];
          return {
            target: t.name,
            p50Ms: round(median(runs.map((r) => r.p50Ms))),
            p99Ms: round(median(runs.map((r) => r.p99Ms))),
            rps: Math.round(median(runs.map((r) => r.rps))),
            non2xx: runs.reduce((s, r) => s + non2xx(r), 0),
            ...(pick === "throughput" && t.cpuPort ? { cpuUsPerRequest: Math.round(median(samples.get(t.name)!.cpu)) } : {}),
            ...(pick === "loaded" && t.gatewayPort ? { loopP99Ms: round(median(samples.get(t.name)!.loop)) } : {}),
          };
        });
      return { rate, loaded: rows("loaded"), single: rows("single"), throughput: rows("throughput") };
    };

    const orderSpec = { method: "POST" as const, headers: orderHeaders[0], headerSets: orderHeaders, body: ORDER_BODY };
    if (profileDir) {
      // One kind of request per profile, so its self-time shares are that kind's: reads unless BENCH_GATEWAY_PROFILE_WHAT=orders.
      const what = process.env.BENCH_GATEWAY_PROFILE_WHAT === "orders" ? "orders" : "reads";
      const measured = what === "orders" ? await compare(ORDER_PATH, orderSpec, 1) : await compare(READ_PATH, { method: "GET", headers }, 1);
      const figures = { connections: GATEWAY_CONNECTIONS, rounds: 1, reads: measured, orders: measured, variants: [] };
      const sent = targets.map((t) => `  ${t.name}: ${int(t.sent)} requests sent`).join("\n");
      return { text: `profile run: ${what} only\n${comparisonTables(what, measured, 1).join("\n")}\n${sent}`, figures };
    }
    // BENCH_GATEWAY_WHAT=reads skips the orders (a quicker look while iterating; their rows then repeat the reads').
    const reads = await compare(READ_PATH, { method: "GET", headers }, ROUNDS);
    const orders = process.env.BENCH_GATEWAY_WHAT === "reads" ? reads : await compare(ORDER_PATH, orderSpec, ORDER_ROUNDS);

    const row = (c: Comparison, pick: "loaded" | "single" | "throughput", name: string) => c[pick].find((r) => r.target === name)!;
    const variants: GatewayFigures["variants"] = [];
    for (const t of targets.filter((x) => x.gatewayPort)) {
      const port = t.gatewayPort!;
      const memory: GatewayFigures["variants"][number]["memory"] = [];
      const before = await control<{ heapUsedMb: number; rssMb: number }>(port, "memory");
      memory.push({ requests: 0, heapMb: round(before.heapUsedMb, 1), rssMb: round(before.rssMb, 1) });
      for (let i = 1; i <= MEMORY_CHECKPOINTS; i++) {
        progress(`${t.name} memory checkpoint ${i}/${MEMORY_CHECKPOINTS}`);
        await runOn(t, { method: "GET", headers, connections: GATEWAY_CONNECTIONS, requests: MEMORY_REQUESTS / MEMORY_CHECKPOINTS }, READ_PATH);
        const m = await control<{ heapUsedMb: number; rssMb: number }>(port, "memory");
        memory.push({ requests: (i * MEMORY_REQUESTS) / MEMORY_CHECKPOINTS, heapMb: round(m.heapUsedMb, 1), rssMb: round(m.rssMb, 1) });
      }
      const { usageRows } = await control<{ usageRows: number }>(port, "flush");
      const direct = (c: Comparison, pick: "loaded" | "single") => row(c, pick, "direct to sandbox");
      variants.push({
        name: t.name,
        addedP50Ms: round(row(reads, "loaded", t.name).p50Ms - direct(reads, "loaded").p50Ms),
        addedP99Ms: round(row(reads, "loaded", t.name).p99Ms - direct(reads, "loaded").p99Ms),
        addedOverBareP50Ms: round(row(reads, "loaded", t.name).p50Ms - row(reads, "loaded", "bare proxy").p50Ms),
        addedOverBareP99Ms: round(row(reads, "loaded", t.name).p99Ms - row(reads, "loaded", "bare proxy").p99Ms),
        singleAddedP50Ms: round(row(reads, "single", t.name).p50Ms - direct(reads, "single").p50Ms),
        throughputRatio: round(row(reads, "throughput", t.name).rps / row(reads, "throughput", "bare proxy").rps, 2),
        orderThroughputRatio: round(row(orders, "throughput", t.name).rps / row(orders, "throughput", "bare proxy").rps, 2),
        orderAddedP50Ms: round(row(orders, "loaded", t.name).p50Ms - direct(orders, "loaded").p50Ms),
        orderAddedP99Ms: round(row(orders, "loaded", t.name).p99Ms - direct(orders, "loaded").p99Ms),
        memory,
        heapSlopeMbPer100k: round(slope(memory.slice(1).map((m) => ({ x: m.requests, y: m.heapMb }))) * 100_000, 2),
        rssSlopeMbPer100k: round(slope(memory.slice(1).map((m) => ({ x: m.requests, y: m.rssMb }))) * 100_000, 2),
        requestsSent: t.sent,
        usageRows,
        non2xx: [reads, orders].reduce((s, c) => s + row(c, "loaded", t.name).non2xx + row(c, "single", t.name).non2xx + row(c, "throughput", t.name).non2xx, 0),
      });
    }
    const figures: GatewayFigures = { connections: GATEWAY_CONNECTIONS, rounds: ROUNDS, reads, orders, variants };
    let floorLines = "";
    for (const floor of targets.filter((t) => t.name.startsWith(USAGE_FLOOR))) {
      const { usageRows } = await control<{ usageRows: number }>(floor.cpuPort!, "flush");
      floorLines += `\n  ${floor.name}: the bare proxy plus the usage record alone; ${int(usageRows)} usage rows for ${int(floor.sent)} requests sent.`;
    }
    return { text: render(figures) + floorLines, figures };
  } finally {
    load.stop();
    for (const p of procs.reverse()) await p.stop();
    await sandbox.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
    for (const d of databases) await d.drop().catch(() => undefined);
  }
}

function comparisonTables(title: string, c: Comparison, rounds: number): string[] {
  const latency = (rows: LatencyRow[]) => {
    const direct = rows.find((r) => r.target === "direct to sandbox")!;
    const loop = rows.some((r) => r.loopP99Ms !== undefined);
    return table(
      ["Target", "p50 ms", "p99 ms", "p50 added", "p99 added", "non-2xx", ...(loop ? ["loop p99 ms"] : [])],
      rows.map((r) => [
        r.target,
        ms(r.p50Ms),
        ms(r.p99Ms),
        r === direct ? "" : ms(r.p50Ms - direct.p50Ms),
        r === direct ? "" : ms(r.p99Ms - direct.p99Ms),
        r.non2xx,
        ...(loop ? [r.loopP99Ms === undefined ? "" : ms(r.loopP99Ms)] : []),
      ]),
    );
  };
  const bare = c.throughput.find((r) => r.target === "bare proxy")!;
  return [
    subheading(`${title}: latency at ${int(c.rate)} req/s offered over ${GATEWAY_CONNECTIONS} connections (open loop; half the slowest target's capacity), median of ${rounds} rounds`),
    latency(c.loaded),
    ...(c.loaded.some((r) => r.loopP99Ms !== undefined) ? ["  loop p99 ms: the gateway's event-loop delay p99 over these runs (1 ms resolution), how long a ready request could wait for its thread."] : []),
    subheading(`${title}: latency over 1 connection, one request after another (no queueing), median of ${rounds} rounds`),
    latency(c.single),
    subheading(`${title}: req/s at ${GATEWAY_CONNECTIONS} connections (closed loop, ${RUN_MS / 1000} s), median of ${rounds} rounds`),
    table(
      ["Target", "req/s", "× bare proxy", "p50 ms", "p99 ms", "non-2xx", "CPU µs/req"],
      c.throughput.map((r) => [
        r.target,
        int(r.rps),
        r.target === "direct to sandbox" ? "" : `${round(r.rps / bare.rps, 2)}×`,
        ms(r.p50Ms),
        ms(r.p99Ms),
        r.non2xx,
        r.cpuUsPerRequest === undefined ? "" : int(r.cpuUsPerRequest),
      ]),
    ),
    `  CPU µs/req: the target process's CPU time, all its threads, per request of the closed-loop runs (read before and 1.5 s after each run).`,
  ];
}

function render(f: GatewayFigures): string {
  const out = [
    heading("6. The agent gateway (each of sandbox, gateway, bare proxy and load generator a process of its own)"),
    `  Interleaved rounds (targets alternate; the machine is shared): read = GET ${READ_PATH.split("?")[0]}, order = POST …/demo/market-open-orders/by-amount.`,
    ...comparisonTables("(a) Read", f.reads, f.rounds),
    ...comparisonTables("(b) Order", f.orders, ORDER_ROUNDS),
  ];
  for (const v of f.variants) {
    out.push(
      subheading(`(c) ${v.name}: memory after a full collection over ${int(MEMORY_REQUESTS)} more reads`),
      table(["Requests", "heap MB", "RSS MB"], v.memory.map((m) => [int(m.requests), m.heapMb.toFixed(1), m.rssMb.toFixed(1)])),
      `  Slope over the checkpoints: heap ${v.heapSlopeMbPer100k} MB, RSS ${v.rssSlopeMbPer100k} MB per 100,000 requests.`,
      `  Usage rows after flush: ${int(v.usageRows)} for ${int(v.requestsSent)} requests sent (${int(v.requestsSent - v.usageRows)} lost); non-2xx answers in the timed runs: ${int(v.non2xx)}.`,
    );
  }
  return out.join("\n");
}
