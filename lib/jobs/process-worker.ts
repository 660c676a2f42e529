import "server-only";
/**
 * The one job worker of this server process, started from instrumentation.ts and
 * kept on globalThis so Next's dev reloads do not start a second one.
 * JOBS_WORKER=0 starts none (an instance that only serves pages).
 */
import { getConfig } from "@/lib/config";
import { getLedgerDb } from "@/lib/db/process-db";
import { JobWorker } from "./worker";

const KEY = Symbol.for("agent-portfolio-console.job-worker");
type WorkerGlobal = typeof globalThis & { [KEY]?: JobWorker };

/** Until the database answers, try again this often: a ledger down at startup must not leave the instance without a worker for good. */
const RETRY_START_MS = 10_000;

export async function startJobWorker(): Promise<void> {
  const store = globalThis as WorkerGlobal;
  if (store[KEY] || !getConfig().jobs.worker) return;
  let db;
  try {
    db = await getLedgerDb();
  } catch (e) {
    console.error(`[jobs] worker waiting for the database: ${e instanceof Error ? e.name : typeof e}`);
    setTimeout(() => void startJobWorker(), RETRY_START_MS).unref();
    return;
  }
  if (store[KEY]) return;
  const worker = new JobWorker({
    db,
    secret: getConfig().sessionSecret,
    leaseMs: getConfig().jobs.leaseMs,
    pollMs: getConfig().jobs.pollMs,
  });
  store[KEY] = worker;
  worker.start();
}
