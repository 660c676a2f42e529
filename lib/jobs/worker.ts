/**
 * Runs jobs: claims them under a lease, makes their calls at each account's shared
 * pace, settles each item, ends each job (erasing its key). Any number of workers
 * (one per instance) may share a database; a job whose instance died is taken over
 * once its lease lapses, and an item is only ever settled once (store/lease checks).
 *
 * Jobs of different accounts run side by side, at most `maxJobs` at once and one per
 * account, so one account's long job (or its wait out of a 429) never holds up
 * another account's freeze. Why this loop and not a queue library: BENCHMARKS.md,
 * "Bulk jobs: the worker".
 *
 * `stop()` ends the loop between two items (a call in flight is finished and
 * settled). With `release: false` the leases are left to lapse, exactly as when the
 * process dies, which is how the tests kill an instance.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { LedgerDb } from "@/lib/db/open";
import { unsealCredentials } from "./key-custody";
import { claimJob, type ClaimedJob, failPending, finishJob, markAttempt, nextPendingItem, releaseLease, renewLease, settleAfterCancel, settleItem } from "./lease";
import { holdCalls, reserveCall } from "./pace";
import { reconcileItem } from "./reconcile";
import { runItem } from "./run-item";
import { REGISTRY_POLL_MS } from "@/lib/gateway/token-registry";

export type JobWorkerOptions = {
  db: LedgerDb;
  /** The server's secret the keys were sealed with. */
  secret: string;
  owner?: string;
  /** How long a claim lasts without renewal (default 30 s). */
  leaseMs?: number;
  /** How often an idle worker looks for work (default 1 s; the server passes JOBS_POLL_MS). */
  pollMs?: number;
  /** Jobs this instance runs at once, each of another account (default 8). */
  maxJobs?: number;
};

/**
 * How long after its creation a job that takes access away (all but unfreeze) makes its
 * first eToro call. The job marked its tokens in the gateway's registry when it was
 * created, and every instance's gateway reads the marks within a poll, so an agent is
 * refused by the gateway, in the console's words, before eToro's own change can refuse
 * it in eToro's (the gateway-agent browser test reads the words).
 */
export const GATEWAY_FIRST_MS = 3 * REGISTRY_POLL_MS;

const UNREADABLE_KEY =
  "The server can no longer read the key for this job (it restarted with another secret, or the job waited over a day). Use Retry failed to run it with your key.";

export class JobWorker {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxJobs: number;
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  /** The jobs this worker is running: job id → account. */
  private readonly running = new Map<string, string>();
  /** Wakes the loop's idle wait when a job ends, so its slot is filled at once. */
  private wake: () => void = () => undefined;

  constructor(private readonly options: JobWorkerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.maxJobs = options.maxJobs ?? 8;
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
    if (options.release !== false) {
      for (const id of this.running.keys()) await releaseLease(this.options.db, id, this.owner).catch(() => undefined);
    }
    this.running.clear();
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const active = new Set<Promise<void>>();
    while (!this.stopped) {
      try {
        const job = this.running.size < this.maxJobs ? await claimJob(this.options.db, this.owner, this.leaseMs, [...new Set(this.running.values())]) : null;
        if (job) {
          this.running.set(job.id, job.account);
          const run: Promise<void> = this.runJob(job)
            .catch(reportError)
            .finally(() => {
              active.delete(run);
              // A stopped worker keeps the id to hand the lease back (stop()).
              if (!this.stopped) this.running.delete(job.id);
              this.wake();
            });
          active.add(run);
          continue;
        }
      } catch (e) {
        reportError(e);
      }
      await this.idle(this.pollMs);
    }
    await Promise.all(active);
  }

  private async runJob(job: ClaimedJob): Promise<void> {
    const { db, secret } = this.options;
    const credentials = job.sealedCredentials ? await unsealCredentials(job.sealedCredentials, secret) : null;
    if (!credentials) {
      await failPending(db, this.owner, job.id, UNREADABLE_KEY);
      await finishJob(db, this.owner, job.id);
      return;
    }
    // The job's age by the database's clock (claimJob): this instance's clock may differ from it.
    const lead = job.kind === "unfreeze" ? 0 : GATEWAY_FIRST_MS - job.ageMs;
    if (lead > 0 && !(await this.waitHoldingLease(job.id, lead))) return;
    while (!this.stopped) {
      const item = await nextPendingItem(db, job.id);
      if (!item) {
        await finishJob(db, this.owner, job.id);
        return;
      }
      const waitMs = await reserveCall(db, job.account, job.intervalMs);
      if (!(await this.waitHoldingLease(job.id, waitMs))) return;
      await markAttempt(db, item.id);
      let result = await runItem(job, item, credentials);
      if (result.kind === "unanswered") {
        // The read-back is a call too: it waits for the account's next slot (at once if the job was cancelled meanwhile).
        await this.waitHoldingLease(job.id, await reserveCall(db, job.account, job.intervalMs));
        result = await reconcileItem(job, item, credentials, result.error);
      }
      if (result.kind === "rate-limited") {
        await holdCalls(db, job.account, result.retryAfterSeconds);
        continue;
      }
      if (result.kind === "key-rejected") {
        await failPending(db, this.owner, job.id, result.reason);
        await finishJob(db, this.owner, job.id);
        return;
      }
      if (!(await settleItem(db, this.owner, item, result))) {
        await settleAfterCancel(db, item, result);
        return;
      }
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

  /** The loop's wait for work: ends after `ms`, when the worker stops, or when a job ends and frees a slot. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      void this.sleep(ms).then(resolve);
    });
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

function reportError(e: unknown): void {
  // Database down or a bug: say what kind, never the message (it may hold query parameters).
  console.error(`[jobs] worker error: ${e instanceof Error ? e.name : typeof e}`);
}
