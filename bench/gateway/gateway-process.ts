/**
 * The gateway as `npm run gateway` serves it (openConsoleGateway on a plain
 * node:http server, its JSON log line per request on stdout), in a process of its
 * own for the bench, plus a few bench-only control routes under /__bench (never
 * part of the gateway): register a token, flush usage and count the rows, and
 * read memory after a full collection (run with --expose-gc).
 *
 * Its settings come as one JSON argument (GatewayProcessArgs): the upstream (the
 * sandbox), the egress address, the API key, a PGlite directory or a database URL,
 * and the name of a row of GATEWAY_VARIANTS. Prints {"benchPort":N} once listening.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openLedger } from "@/lib/db/open";
import { openConsoleGateway } from "@/lib/gateway/console-gateway";
import { jsonLinesLog } from "@/lib/gateway/log";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted } from "@/lib/gateway/token-registry";
import { sqlRows } from "@/lib/jobs/sql-rows";
import { GATEWAY_VARIANTS, type BenchToken } from "./variants";

export const BENCH_TOKEN_SECRET = "bench-gateway-token-secret-".padEnd(48, "k");

export type GatewayProcessArgs = { upstream: string; egress?: string; apiKey: string | null; pgliteDir?: string; databaseUrl?: string; variant: string; pgliteThread?: boolean; pgliteThreadNice?: number };

const args = JSON.parse(process.argv[2] ?? "{}") as GatewayProcessArgs;
const variant = GATEWAY_VARIANTS.find((v) => v.name === args.variant);
if (!variant) throw new Error(`unknown gateway variant ${args.variant}`);
const ledger = await openLedger(args.databaseUrl ? { databaseUrl: args.databaseUrl } : { dataDir: args.pgliteDir!, thread: args.pgliteThread ?? true, threadNice: args.pgliteThreadNice });
const db = async () => ledger.db;
const gateway = await openConsoleGateway({
  db,
  tokenSecret: BENCH_TOKEN_SECRET,
  upstreamBaseUrl: args.upstream,
  apiKey: args.apiKey,
  egressAddress: args.egress,
  upstreamTimeoutMs: 10_000,
  usageRetentionDays: 90,
  trustProxy: false,
  log: jsonLinesLog(),
  ...variant.options,
});

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

async function memory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  // PGlite's own thread (lib/db/pglite-thread.ts) has a heap of its own: collected and counted too.
  const thread = (ledger.db as unknown as { $client?: { heapUsed?: () => Promise<number> } }).$client;
  const threadHeap = typeof thread?.heapUsed === "function" ? await thread.heapUsed() : 0;
  const m = process.memoryUsage();
  return { heapUsedMb: (m.heapUsed + threadHeap) / 1024 ** 2, rssMb: m.rss / 1024 ** 2, externalMb: m.external / 1024 ** 2 };
}

async function control(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown = {};
  if (req.url === "/__bench/register") {
    const token = (await readJson(req)) as BenchToken;
    await registerMinted(ledger.db, createTokenHasher(BENCH_TOKEN_SECRET), { ...token, userTokenName: "bench-agent", gatewayOnly: false, agentIps: [] });
    await variant!.setup?.(ledger.db, token);
  } else if (req.url === "/__bench/flush") {
    await gateway.flushUsage();
    const [row] = await sqlRows<{ n: number }>(ledger.db, sql`select count(*)::int as n from usage_records`);
    body = { usageRows: Number(row.n) };
  } else if (req.url === "/__bench/memory") {
    body = await memory();
  } else if (req.url === "/__bench/loop") {
    // The event loop's delay since the last ask (ms): how long a request that was ready had to wait.
    body = { p50Ms: loopDelay.percentile(50) / 1e6, p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 };
    loopDelay.reset();
  } else if (req.url === "/__bench/cpu") {
    // The whole process (the database's thread included), user and system, in µs.
    const used = process.cpuUsage();
    body = { cpuUs: used.user + used.system };
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  if (gateway.owns(req.url ?? "")) return gateway.handle(req, res);
  control(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ benchPort: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => void gateway.close().then(() => ledger.close()).then(() => process.exit(0)));
});
