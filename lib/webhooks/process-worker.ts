import "server-only";
/**
 * The one webhook worker of this server process, started from instrumentation.ts
 * and kept on globalThis so Next's dev reloads do not start a second one.
 * WEBHOOK_WORKER=0 starts none (another instance sends).
 */
import { getConfig } from "@/lib/config";
import { getLedgerDb } from "@/lib/db/process-db";
import { serverSecretBox } from "./server-box";
import { WebhookWorker } from "./worker";

const KEY = Symbol.for("agent-portfolio-console.webhook-worker");
type WorkerGlobal = typeof globalThis & { [KEY]?: WebhookWorker };

/** Until the database answers, try again this often. */
const RETRY_START_MS = 10_000;

export async function startWebhookWorker(): Promise<void> {
  const store = globalThis as WorkerGlobal;
  const config = getConfig().webhooks;
  if (store[KEY] || !config.worker) return;
  let db;
  try {
    db = await getLedgerDb();
  } catch (e) {
    console.error(`[webhooks] worker waiting for the database: ${e instanceof Error ? e.name : typeof e}`);
    setTimeout(() => void startWebhookWorker(), RETRY_START_MS).unref();
    return;
  }
  if (store[KEY]) return;
  const worker = new WebhookWorker({
    db,
    box: serverSecretBox(),
    consoleOrigin: config.publicOrigin,
    allowPrivateUrls: config.allowPrivateUrls,
    timeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    // Scanned soon after start, then hourly.
    scanEveryMs: 3_600_000,
  });
  store[KEY] = worker;
  worker.start();
}

/** A test event or Send again goes out now rather than at the next poll (on this instance, when it sends). */
export function kickWebhookWorker(): void {
  (globalThis as WorkerGlobal)[KEY]?.kick();
}
