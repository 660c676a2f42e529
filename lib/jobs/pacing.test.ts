/**
 * The quota claim, against a sandbox that enforces eToro's rule at 10 calls a window
 * (SANDBOX_RATE_LIMIT=10): a 30-token revoke job, paced at 9 a window (the 10 less one
 * for page reads, as 50 of 60 does in production), finishes with no 429 at all and no
 * item failed, and the ETA given before it started was right within 20 %.
 *
 * The window is 6 s instead of eToro's 60 s (SANDBOX_QUOTA_WINDOW_MS), and the pace is
 * scaled with it (9 a window = 90 a minute): the same claim as 50/60, in seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET, alice, openRig, sandboxStats, start, waitFor, type Rig } from "@/tests/support/jobs-rig";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { readJobsConfig } from "@/lib/config";
import { JobWorker } from "./worker";

const WINDOW_MS = 6_000;
const REVOKE = "DELETE /api/v1/agent-portfolios/{agentPortfolioId}/user-tokens/{userTokenId}";

describe("pacing under eToro's quota", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig({ sandbox: { seedPortfolios: 3, seedTokens: 10, rateLimit: 10, quotaWindowMs: WINDOW_MS } });
  }, 60_000);
  afterAll(() => rig?.close(), 60_000);

  it("a 30-token revoke at SANDBOX_RATE_LIMIT=10 finishes with no 429 and no failure, within 20 % of its ETA", async () => {
    const perMinute = 9 * (60_000 / WINDOW_MS);
    const intervalMs = readJobsConfig({ ...process.env, JOBS_CALLS_PER_MINUTE: String(perMinute) }).callIntervalMs;
    const startedAt = Date.now();
    // One list read (the plan's) and the job's paced calls: exactly the headroom the pace leaves.
    const { job, plan } = await start(rig, { kind: "revoke", all: true, confirm: "REVOKE ALL" }, { intervalMs });
    expect(plan.calls).toBe(30);
    const worker = new JobWorker({ db: rig.db, secret: SECRET, pollMs: 100 });
    worker.start();
    const ended = await waitFor(rig, job!.id, undefined, 60_000);
    const tookSeconds = (Date.now() - startedAt) / 1000;
    await worker.stop();

    expect({ done: ended.done, failed: ended.failed }).toEqual({ done: 30, failed: 0 });
    // Every call reached eToro once: a 429 would have shown as a repeated call.
    const stats = await sandboxStats(rig);
    expect(stats.byRoute[REVOKE]).toBe(30);
    expect((await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens)).toEqual([]);
    console.info(`[pacing] ETA ${plan.etaSeconds} s, took ${tookSeconds.toFixed(1)} s (${((tookSeconds / plan.etaSeconds - 1) * 100).toFixed(1)} %)`);
    expect(Math.abs(tookSeconds - plan.etaSeconds) / plan.etaSeconds).toBeLessThanOrEqual(0.2);
  }, 90_000);
});
