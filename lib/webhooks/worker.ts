/**
 * Sends webhooks: moves account events into deliveries (queue.ts fanOut), claims
 * due deliveries under a lease, sends each signed (send.ts), settles it, and
 * every `scanEveryMs` looks for expiring and unused tokens (token-scan.ts). Any
 * number of workers (one per instance) may share a database.
 *
 * `stop()` ends the loop after the attempts in flight are settled; with
 * `release: false` nothing is handed back (as when the process dies): the claims
 * lapse after `leaseMs` and another worker sends those deliveries again, with the
 * same webhook-id, which is how a receiver keeps it exactly once.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { eq, inArray, and } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow } from "@/lib/db/schema";
import { slackPayload } from "./payload";
import { backoffMs as defaultBackoff, claimDue, fanOut, pruneDeliveries, settleAttempt, type AttemptOutcome } from "./queue";
import type { SecretBox } from "./secret-box";
import { createWebhookSender, type WebhookSender } from "./send";
import { scanTokens } from "./token-scan";

export type WebhookWorkerOptions = {
  db: LedgerDb;
  box: SecretBox;
  /** For links in Slack messages. */
  consoleOrigin: string;
  allowPrivateUrls: boolean;
  timeoutMs: number;
  maxAttempts: number;
  owner?: string;
  /** The wait after failed attempt n; the default is 5 s, 30 s, 2 min… with jitter (tests pass short ones). */
  backoffMs?: (attempt: number) => number;
  /** How often an idle worker looks for work (default 1 s). */
  pollMs?: number;
  /** How long a claim lasts (default 60 s: longer than an attempt's time limit). */
  leaseMs?: number;
  /** Deliveries sent at once (default 8). */
  batch?: number;
  /** How often the token scan runs (default 1 h); 0: never. */
  scanEveryMs?: number;
  /** Days ended deliveries are kept (default 30). */
  keepDays?: number;
};

const UNREADABLE_SECRET = "The console can no longer read this endpoint's URL and secret (its server key changed): delete the endpoint and add it again.";

export class WebhookWorker {
  readonly owner: string;
  private readonly sender: WebhookSender;
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  private lastScan = 0;
  private wake: () => void = () => undefined;

  constructor(private readonly options: WebhookWorkerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    this.sender = createWebhookSender({ allowPrivate: options.allowPrivateUrls, timeoutMs: options.timeoutMs });
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  /** Looks for work now instead of at the next poll (a test event, Send again). */
  kick(): void {
    this.wake();
  }

  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.abort.abort();
    this.wake();
    await this.loop;
    this.loop = null;
    if (options.release !== false) {
      await this.options.db
        .update(webhookDeliveries)
        .set({ leaseOwner: null, leaseExpiresAt: null })
        .where(and(eq(webhookDeliveries.leaseOwner, this.owner), eq(webhookDeliveries.state, "pending")))
        .catch(() => undefined);
    }
    await this.sender.close();
  }

  /** One round: fan out, send what is due, scan when it is time. Returns deliveries attempted. */
  async runOnce(): Promise<number> {
    const { db } = this.options;
    await fanOut(db);
    const batch = this.options.batch ?? 8;
    const claimed = await claimDue(db, this.owner, this.options.leaseMs ?? 60_000, batch);
    await Promise.all(claimed.map((d) => this.deliver(d)));
    const scanEvery = this.options.scanEveryMs ?? 3_600_000;
    if (scanEvery > 0 && Date.now() - this.lastScan >= scanEvery) {
      this.lastScan = Date.now();
      await scanTokens(db);
      await pruneDeliveries(db, this.options.keepDays ?? 30);
    }
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      let busy = false;
      try {
        busy = (await this.runOnce()) >= (this.options.batch ?? 8);
      } catch (e) {
        // The kind only: a database error's message can carry query parameters.
        console.error(`[webhooks] worker error: ${e instanceof Error ? e.name : typeof e}`);
      }
      if (!busy) await this.idle(this.options.pollMs ?? 1_000);
    }
  }

  private async deliver(delivery: WebhookDeliveryRow): Promise<void> {
    const { db, box } = this.options;
    const [endpoint] = await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, [delivery.endpointId]));
    const opened = endpoint ? box.open(endpoint.id, endpoint.sealed) : null;
    let outcome: AttemptOutcome;
    if (!endpoint || !opened) {
      outcome = { ok: false, status: null, error: UNREADABLE_SECRET };
    } else {
      const body = endpoint.format === "slack" ? slackPayload(delivery.payload, this.options.consoleOrigin) : delivery.payload;
      outcome = await this.sender.send({ url: opened.url, secret: opened.secret, id: delivery.id, at: new Date(), body: JSON.stringify(body) });
    }
    await settleAttempt(db, this.owner, delivery, outcome, { maxAttempts: this.options.maxAttempts, backoffMs: this.options.backoffMs ?? defaultBackoff });
  }

  private idle(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
