/**
 * Runs jobs: claims one under a lease, makes its calls at the account's shared pace,
 * settles each item, ends the job (erasing its key). Any number of workers (one per
 * instance) may share a database; a job whose instance died is taken over once its
 * lease lapses, and an item is only ever settled once (store/lease checks).
 *
 * `stop()` ends the loop between two items (a call in flight is finished and
 * settled). With `release: false` the lease is left to lapse, exactly as when the
 * process dies, which is how the tests kill an instance.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { LedgerDb } from "@/lib/db/open";
import { unsealCredentials } from "./key-custody";
import { claimJob, failPending, finishJob, markAttempt, nextPendingItem, releaseLease, renewLease, settleItem } from "./lease";
import { holdCalls, reserveCall } from "./pace";
import { runItem } from "./run-item";
import type { JobRow } from "@/lib/db/schema";

export type JobWorkerOptions = {
  db: LedgerDb;
  /** The server's secret the keys were sealed with. */
  secret: string;
  owner?: string;
  /** How long a claim lasts without renewal (default 30 s). */
  leaseMs?: number;
  /** How often an idle worker looks for work (default 1 s). */
  pollMs?: number;
};

const UNREADABLE_KEY =
  "The server can no longer read the key for this job (it restarted with another secret, or the job waited over a day). Use Retry failed to run it with your key.";

export class JobWorker {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  private current: string | null = null;

  constructor(private readonly options: JobWorkerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.loop = null;
    if (options.release !== false && this.current) await releaseLease(this.options.db, this.current, this.owner).catch(() => undefined);
    this.current = null;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const job = await claimJob(this.options.db, this.owner, this.leaseMs);
        if (job) {
          this.current = job.id;
          await this.runJob(job);
          if (!this.stopped) this.current = null;
          continue;
        }
      } catch (e) {
        // Database down or a bug: say what kind, never the message (it may hold query parameters).
        console.error(`[jobs] worker error: ${e instanceof Error ? e.name : typeof e}`);
      }
      await this.sleep(this.pollMs);
    }
  }

  private async runJob(job: JobRow): Promise<void> {
    const { db, secret } = this.options;
    const credentials = job.sealedCredentials ? await unsealCredentials(job.sealedCredentials, secret) : null;
    if (!credentials) {
      await failPending(db, this.owner, job.id, UNREADABLE_KEY);
      await finishJob(db, this.owner, job.id);
      return;
    }
    while (!this.stopped) {
      const item = await nextPendingItem(db, job.id);
      if (!item) {
        await finishJob(db, this.owner, job.id);
        return;
      }
      const waitMs = await reserveCall(db, job.account, job.intervalMs);
      if (!(await this.waitHoldingLease(job.id, waitMs))) return;
      await markAttempt(db, item.id);
      const result = await runItem(job, item, credentials);
      if (result.kind === "rate-limited") {
        await holdCalls(db, job.account, result.retryAfterSeconds);
        continue;
      }
      if (result.kind === "key-rejected") {
        await failPending(db, this.owner, job.id, result.reason);
        await finishJob(db, this.owner, job.id);
        return;
      }
      if (!(await settleItem(db, this.owner, item, result))) return;
    }
  }

  /** Waits for the call slot while renewing the lease; false when the job is no longer ours to run. */
  private async waitHoldingLease(jobId: string, waitMs: number): Promise<boolean> {
    const { db } = this.options;
    const until = Date.now() + waitMs;
    for (;;) {
      if (this.stopped || !(await renewLease(db, jobId, this.owner, this.leaseMs))) return false;
      const left = until - Date.now();
      if (left <= 0) return true;
      await this.sleep(Math.min(left, Math.floor(this.leaseMs / 3)));
    }
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
