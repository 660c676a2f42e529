import "server-only";
/**
 * The one job worker of this server process, started from instrumentation.ts and
 * kept on globalThis so Next's dev reloads do not start a second one.
 * JOBS_WORKER=0 starts none (an instance that only serves pages).
 */
import { getConfig } from "@/lib/config";
import { getLedgerDb } from "@/lib/ledger/db";
import { JobWorker } from "./worker";

const KEY = Symbol.for("agent-portfolio-console.job-worker");
type WorkerGlobal = typeof globalThis & { [KEY]?: JobWorker };

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export async function startJobWorker(): Promise<void> {
  const store = globalThis as WorkerGlobal;
  if (store[KEY] || process.env.JOBS_WORKER === "0") return;
  const worker = new JobWorker({
    db: await getLedgerDb(),
    secret: getConfig().sessionSecret,
    leaseMs: positive("JOBS_LEASE_MS", 30_000),
    pollMs: positive("JOBS_POLL_MS", 1_000),
  });
  store[KEY] = worker;
  worker.start();
}
