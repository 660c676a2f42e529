/**
 * What one usage batch costs the thread that writes it: createUsageWriter on a
 * fresh database, batches of reads (usage rows only) and of orders (a usage row
 * and a hash-chained gateway.order ledger event each), wall time per batch (on
 * PGlite, the wasm runs on the caller's thread, so this is how long every request
 * in flight waits), CPU time of the whole process (steadier on a busy machine) and
 * how long the main thread was busy (event-loop utilisation), after a warm-up.
 *
 *   npx tsx --conditions=react-server bench/gateway/usage-write-cost.ts [--postgres] [--in-thread] [--sizes=500,100] [--kinds=read,order]
 *   (--postgres: a throwaway PostgreSQL database, dropped after; --in-thread: PGlite on the caller's thread rather than its own)
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openLedger } from "@/lib/db/open";
import { createPostgresDatabase } from "@/lib/db/throwaway-database";
import { gatewayTokens } from "@/lib/db/schema";
import { createUsageWriter } from "@/lib/gateway/usage-store";
import { performance } from "node:perf_hooks";
import type { UsageRecord } from "@/lib/gateway/usage-record";
import { registeredBenchToken } from "./variants";

const TOKEN = registeredBenchToken({ userTokenId: randomUUID(), agentPortfolioId: randomUUID(), account: "acct-bench" });

function record(order: boolean): UsageRecord {
  return {
    at: new Date().toISOString(),
    userTokenId: TOKEN.userTokenId,
    agentPortfolioId: TOKEN.agentPortfolioId,
    operationId: order ? "openMarketPositionByAmountDemo" : "getCurrentRates",
    account: order ? "demo" : null,
    write: order,
    status: 200,
    latencyMs: 1.234,
    requestId: randomUUID(),
    clientAddress: "127.0.0.1",
    via: "rest",
    refusal: null,
    order: order
      ? { instrument: 1001, side: "buy", amount: 10, units: null, leverage: 1, target: null, orderId: String(Math.floor(Math.random() * 1e9)), positionId: null }
      : null,
  };
}

const flags = new Map(process.argv.slice(2).filter((a) => a.startsWith("--")).map((a) => [a.slice(2).split("=")[0], a.split("=").slice(1).join("=")]));
const postgres = flags.has("postgres") ? await createPostgresDatabase("apc_usage_cost") : null;
const url = postgres?.url;
const dir = url ? null : await mkdtemp(path.join(os.tmpdir(), "apc-usage-cost-"));
const thread = !flags.has("in-thread");
const ledger = await openLedger(url ? { databaseUrl: url } : { dataDir: dir!, thread });
try {
  await ledger.db.insert(gatewayTokens).values({ ...TOKEN, boundaries: {}, lookupKey: randomUUID() });
  const write = createUsageWriter(async () => ledger.db, (id) => (id === TOKEN.userTokenId ? TOKEN : null));
  const sizes = (flags.get("sizes") || "500,100,50,10").split(",").map(Number);
  for (const kind of (flags.get("kinds") || "read,order").split(",") as ("read" | "order")[]) {
    for (const size of sizes) {
      const runs = Math.max(4, Math.round(4000 / size));
      const times: number[] = [];
      const cpus: number[] = [];
      const mains: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const batch = Array.from({ length: size }, () => record(kind === "order"));
        const started = performance.now();
        const cpu = process.cpuUsage();
        const loop = performance.eventLoopUtilization();
        await write(batch);
        const used = process.cpuUsage(cpu);
        const main = performance.eventLoopUtilization(loop).active;
        if (i >= 2) {
          times.push(performance.now() - started);
          cpus.push((used.user + used.system) / 1000);
          mains.push(main);
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(
        `${ledger.driver}${url ? "" : thread ? " (own thread)" : " (in-thread)"} ${kind.padEnd(5)} batch ${String(size).padStart(4)}: median ${median(times).toFixed(2)} ms wall, ${median(cpus).toFixed(2)} ms CPU (process, all threads) per batch = ${((1000 * median(cpus)) / size).toFixed(1)} µs CPU per record; main thread busy ${median(mains).toFixed(2)} ms`,
      );
    }
  }
} finally {
  await ledger.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await postgres?.drop();
}
