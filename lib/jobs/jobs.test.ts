/**
 * Bulk jobs end to end on PGlite: the real sandbox over HTTP, the app's upstream
 * client, the worker, the ledger. Fast pace (20 ms between calls); pacing itself is
 * proved in pacing.test.ts, two instances in instances.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { BOB, TEST_API_KEY, control } from "@/tests/support/sandbox-client";
import { ACTOR, SECRET, account, alice, dumpText, openRig, sandboxStats, start, waitFor, type Rig } from "@/tests/support/jobs-rig";
import { listPortfolios, revokeToken } from "@/lib/etoro/agent-portfolios";
import { ledgerEvents } from "@/lib/db/schema";
import { verifyLedger } from "@/lib/ledger/verify";
import { jobs } from "@/lib/db/schema";
import { cancelJob, getJob, listJobs, retryFailed } from "./store";
import { sealCredentials } from "./key-custody";
import { JobWorker } from "./worker";

const bob = { apiKey: TEST_API_KEY, userKey: BOB };
let rig: Rig;
let worker: JobWorker;

beforeAll(async () => {
  rig = await openRig({ sandbox: { seedPortfolios: 2, seedTokens: 5 } });
}, 60_000);
afterAll(() => rig?.close(), 60_000);
beforeEach(async () => {
  await control(rig.sandbox, "POST", "/__sandbox/reset");
  // Each test starts with an unspent budget (a cancelled slow job leaves its slot reserved).
  await rig.db.execute(sql`delete from job_budgets`);
  worker = new JobWorker({ db: rig.db, secret: SECRET, leaseMs: 2_000, pollMs: 50 });
});
afterEach(() => worker.stop());

async function portfolio(index: number) {
  return (await listPortfolios(alice, { fresh: true })).portfolios[index];
}
async function tokensOf(index: number) {
  return (await portfolio(index)).userTokens;
}

describe("bulk revoke", () => {
  it("with a sandbox fault failing one of 5 items reports 4 done and 1 failed; Retry failed completes it", async () => {
    const tokens = await tokensOf(0);
    expect(tokens).toHaveLength(5);
    const victim = tokens[2];
    await control(rig.sandbox, "POST", "/__sandbox/faults", { status: 503, times: 1, match: { method: "DELETE", path: victim.userTokenId } });
    const { job, plan } = await start(rig, { kind: "revoke", tokenIds: tokens.map((t) => t.userTokenId) });
    expect(plan.calls).toBe(5);
    worker.start();
    const ended = await waitFor(rig, job!.id);
    expect({ state: ended.state, done: ended.done, failed: ended.failed, left: ended.left }).toEqual({ state: "finished", done: 4, failed: 1, left: 0 });
    const failed = ended.items!.find((i) => i.state === "failed")!;
    expect(failed.tokenName).toBe(victim.userTokenName);
    expect(failed.reason).toMatch(/\S/);
    expect(failed.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const [row] = await rig.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row.sealedCredentials).toBeNull();

    expect(await retryFailed(rig.db, account(alice), job!.id, await sealCredentials(alice, SECRET), ACTOR)).toBe(true);
    const retried = await waitFor(rig, job!.id, (j) => j.state === "finished" && j.left === 0);
    expect({ done: retried.done, failed: retried.failed }).toEqual({ done: 5, failed: 0 });
    expect(await tokensOf(0)).toEqual([]);

    // Every outcome is in the ledger as a single revoke writes it, with the job's id; the chain holds.
    const events = await rig.db.select().from(ledgerEvents).where(eq(ledgerEvents.action, "token.revoke"));
    expect(events.map((e) => e.outcome).sort()).toEqual(["error", "ok", "ok", "ok", "ok", "ok"]);
    expect(events.every((e) => e.after?.jobId === job!.id && e.account === account(alice))).toBe(true);
    expect(events.find((e) => e.outcome === "error")!.before?.scopeNames).toEqual(victim.scopeNames);
    await expect(verifyLedger(rig.db)).resolves.toMatchObject({ ok: true });
  });

  it("counts a token already gone as done, and says so", async () => {
    const { agentPortfolioId, userTokens: tokens } = await portfolio(1);
    const { job } = await start(rig, { kind: "revoke", tokenIds: tokens.slice(0, 2).map((t) => t.userTokenId) });
    await revokeToken(alice, agentPortfolioId, tokens[0].userTokenId);
    worker.start();
    const ended = await waitFor(rig, job!.id);
    expect(ended.items!.map((i) => [i.state, i.reason])).toEqual([
      ["done", "Already gone"],
      ["done", null],
    ]);
  });

  it("Cancel stops it, erases the key and skips what had not run", async () => {
    const tokens = await tokensOf(0);
    const { job } = await start(rig, { kind: "revoke", tokenIds: tokens.map((t) => t.userTokenId) }, { intervalMs: 60_000 });
    worker.start();
    await waitFor(rig, job!.id, (j) => j.done === 1);
    expect(await cancelJob(rig.db, account(alice), job!.id, ACTOR)).toBe(true);
    const ended = await waitFor(rig, job!.id);
    expect({ state: ended.state, done: ended.done, skipped: ended.skipped }).toEqual({ state: "cancelled", done: 1, skipped: 4 });
    const [row] = await rig.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row.sealedCredentials).toBeNull();
    expect(await tokensOf(0)).toHaveLength(4);
  });
});

describe("what eToro and the server may do meanwhile", () => {
  it("a 429 holds the account's calls for Retry-After, then the item runs again and nothing fails", async () => {
    const tokens = await tokensOf(0);
    await control(rig.sandbox, "POST", "/__sandbox/faults", { rateLimit: { retryAfterSeconds: 2 }, times: 1, match: { method: "DELETE" } });
    await control(rig.sandbox, "POST", "/__sandbox/stats/reset");
    const { job } = await start(rig, { kind: "revoke", tokenIds: tokens.slice(0, 2).map((t) => t.userTokenId) });
    const started = Date.now();
    worker.start();
    const ended = await waitFor(rig, job!.id);
    expect({ done: ended.done, failed: ended.failed }).toEqual({ done: 2, failed: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    // The refused call and its repeat, then the second item: three calls, two revokes.
    expect((await sandboxStats(rig)).byRoute["DELETE /api/v1/agent-portfolios/{agentPortfolioId}/user-tokens/{userTokenId}"]).toBe(3);
  });

  it("a job whose key the server can no longer read (restarted with another secret) fails with the reason and erases the seal", async () => {
    const tokens = await tokensOf(0);
    const { job } = await start(rig, { kind: "revoke", tokenIds: [tokens[0].userTokenId] });
    const restarted = new JobWorker({ db: rig.db, secret: "another-secret-after-a-restart-0123456789", leaseMs: 2_000, pollMs: 50 });
    restarted.start();
    const ended = await waitFor(rig, job!.id);
    await restarted.stop();
    expect({ state: ended.state, failed: ended.failed }).toEqual({ state: "finished", failed: 1 });
    expect(ended.items![0].reason).toMatch(/Retry failed/);
    const [row] = await rig.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row.sealedCredentials).toBeNull();
    expect(await tokensOf(0)).toHaveLength(5);
  });
});

describe("freeze and unfreeze", () => {
  it("Freeze all takes every write token down to read; Unfreeze restores each token's scopes exactly", async () => {
    const before = (await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens);
    const writers = before.filter((t) => t.scopeNames.some((s) => s.endsWith(":write")));
    expect(writers.length).toBeGreaterThan(0);
    const { job, plan } = await start(rig, { kind: "freeze", all: true });
    expect(plan.calls).toBe(writers.length);
    worker.start();
    expect((await waitFor(rig, job!.id)).done).toBe(writers.length);
    const frozen = (await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens);
    expect(frozen.some((t) => t.scopeNames.some((s) => s.endsWith(":write")))).toBe(false);

    const un = await start(rig, { kind: "unfreeze", all: true });
    expect(un.plan.calls).toBe(writers.length);
    expect((await waitFor(rig, un.job!.id)).done).toBe(writers.length);
    const after = (await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens);
    const scopes = (list: typeof before) => Object.fromEntries(list.map((t) => [t.userTokenId, [...t.scopeNames].sort()]));
    expect(scopes(after)).toEqual(scopes(before));
    const updates = await rig.db.select().from(ledgerEvents).where(and(eq(ledgerEvents.action, "token.update"), eq(ledgerEvents.outcome, "ok")));
    expect(updates).toHaveLength(writers.length * 2);
  });
});

describe("plans and isolation", () => {
  it("a dry run answers calls and ETA and creates nothing", async () => {
    const { plan, job } = await start(rig, { kind: "revoke", all: true, dryRun: true }, { intervalMs: 1_200 });
    expect(job).toBeNull();
    expect(plan.calls).toBe(10);
    expect(plan.etaSeconds).toBe(12);
    expect(plan.callsPerMinute).toBe(50);
    expect(await listJobs(rig.db, account(alice))).toEqual(expect.not.arrayContaining([expect.objectContaining({ total: 10, state: "queued" })]));
  });

  it("Bob never sees, cancels or retries Alice's jobs", async () => {
    const tokens = await tokensOf(0);
    const { job } = await start(rig, { kind: "revoke", tokenIds: [tokens[0].userTokenId] }, { intervalMs: 60_000 });
    const bobAccount = account(bob);
    expect(await getJob(rig.db, bobAccount, job!.id)).toBeNull();
    expect((await listJobs(rig.db, bobAccount)).map((j) => j.id)).not.toContain(job!.id);
    expect(await cancelJob(rig.db, bobAccount, job!.id, ACTOR)).toBe(false);
    expect(await retryFailed(rig.db, bobAccount, job!.id, await sealCredentials(bob, SECRET), ACTOR)).toBe(false);
    expect((await getJob(rig.db, account(alice), job!.id))!.state).toBe("queued");
    // Bob's own list has none of Alice's tokens to plan with.
    const bobs = await start(rig, { kind: "revoke", tokenIds: [tokens[1].userTokenId] }, { credentials: bob });
    expect(bobs.job).toBeNull();
    expect(bobs.plan.skipped).toEqual([expect.objectContaining({ reason: expect.stringMatching(/No such token/) })]);
    await cancelJob(rig.db, account(alice), job!.id, ACTOR);
  });

  it("once the jobs have ended, a dump of the database holds no user key and no secret", async () => {
    const { job } = await start(rig, { kind: "revoke", tokenIds: (await tokensOf(0)).map((t) => t.userTokenId) });
    const pending = await dumpText(rig.db);
    expect(pending).not.toContain(alice.userKey); // sealed, never in the clear
    worker.start();
    await waitFor(rig, job!.id);
    const dump = await dumpText(rig.db);
    expect(dump).toContain(job!.id);
    expect(dump).not.toContain(alice.userKey);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toMatch(/sk_sandbox_/);
    expect(dump).not.toMatch(/Fe26\.2\*/); // no iron seal left anywhere
    expect((await sandboxStats(rig)).total).toBeGreaterThan(0);
  });
});
