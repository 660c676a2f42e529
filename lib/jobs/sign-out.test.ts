/**
 * Jobs obey sign-out (end-with-session.ts) and every job action is in the ledger:
 * ending one session cancels the jobs it started and erases their keys, leaving the
 * jobs of the account's other sessions running; signing out everywhere cancels the
 * rest. Created (with its targets), cancelled and retried: each an event with the
 * session that acted.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { control } from "@/tests/support/sandbox-client";
import { SECRET, account, alice, openRig, start, waitFor, type Rig } from "@/tests/support/jobs-rig";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { ledgerEvents } from "@/lib/db/schema/ledger-events";
import { verifyLedger } from "@/lib/ledger/verify";
import { endJobsOfEndedSessions } from "./end-with-session";
import { sealCredentials } from "./key-custody";
import { jobs } from "@/lib/db/schema";
import { cancelJob, retryFailed } from "./store";
import { JobWorker } from "./worker";

let rig: Rig;
let worker: JobWorker;
beforeAll(async () => {
  rig = await openRig({ sandbox: { seedPortfolios: 2, seedTokens: 5 } });
}, 60_000);
afterAll(() => rig?.close(), 60_000);
beforeEach(async () => {
  await control(rig.sandbox, "POST", "/__sandbox/reset");
  await rig.db.execute(sql`delete from job_budgets`);
  worker = new JobWorker({ db: rig.db, secret: SECRET, leaseMs: 2_000, pollMs: 50 });
});
afterEach(() => worker.stop());

async function tokens() {
  return (await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens);
}
async function jobEvents(jobIds: string[]) {
  const rows = await rig.db.select().from(ledgerEvents).where(inArray(ledgerEvents.action, ["job.create", "job.cancel", "job.retry"])).orderBy(asc(ledgerEvents.seq));
  return rows.filter((e) => jobIds.includes(String(e.after?.jobId)));
}

describe("sign-out ends the jobs of the sessions that ended", () => {
  it("ending one session cancels its running job and erases the key; the other session's job runs on until sign out everywhere", async () => {
    const all = await tokens();
    const [mine, theirs] = [randomUUID(), randomUUID()];
    // One call a minute: both jobs are still going when the sessions end.
    const a = (await start(rig, { kind: "revoke", tokenIds: all.slice(0, 3).map((t) => t.userTokenId) }, { intervalMs: 60_000, sessionId: mine })).job!;
    const b = (await start(rig, { kind: "revoke", tokenIds: all.slice(5, 8).map((t) => t.userTokenId) }, { intervalMs: 60_000, sessionId: theirs })).job!;
    worker.start();
    await waitFor(rig, a.id, (j) => j.done === 1);

    expect(await endJobsOfEndedSessions({ account: account(alice), sessionId: mine })).toBe(1);
    const ended = await waitFor(rig, a.id, () => true);
    expect({ state: ended.state, done: ended.done, skipped: ended.skipped }).toEqual({ state: "cancelled", done: 1, skipped: 2 });
    const keys = async () => Object.fromEntries((await rig.db.select({ id: jobs.id, key: jobs.sealedCredentials }).from(jobs)).map((r) => [r.id, r.key !== null]));
    expect(await keys()).toEqual({ [a.id]: false, [b.id]: true });
    expect((await waitFor(rig, b.id, () => true)).state).toMatch(/queued|running/);

    expect(await endJobsOfEndedSessions({ account: account(alice), endedBy: { sessionId: theirs, clientIp: "127.0.0.1" } })).toBe(1);
    expect((await waitFor(rig, b.id)).state).toBe("cancelled");
    expect(await keys()).toEqual({ [a.id]: false, [b.id]: false });
    // At most the first call of each job reached eToro.
    expect((await tokens()).length).toBeGreaterThanOrEqual(all.length - 2);

    const events = await jobEvents([a.id, b.id]);
    expect(events.map((e) => [e.action, e.after?.jobId, e.after?.cause ?? null, e.after?.sessionId])).toEqual([
      ["job.create", a.id, null, mine],
      ["job.create", b.id, null, theirs],
      ["job.cancel", a.id, "sign-out", mine],
      ["job.cancel", b.id, "sign-out", theirs],
    ]);
    expect(events.every((e) => e.account === account(alice))).toBe(true);
  });

  it("another account's sign-out leaves this account's jobs alone", async () => {
    const all = await tokens();
    const { job } = await start(rig, { kind: "revoke", tokenIds: [all[0].userTokenId] }, { intervalMs: 60_000, sessionId: randomUUID() });
    expect(await endJobsOfEndedSessions({ account: "0123456789abcdef" })).toBe(0);
    expect((await waitFor(rig, job!.id, () => true)).state).toBe("queued");
    await cancelJob(rig.db, account(alice), job!.id, { sessionId: null, clientIp: null });
  });
});

describe("job actions in the ledger", () => {
  it("create names its targets; cancel and retry name the session that asked", async () => {
    const all = (await listPortfolios(alice, { fresh: true })).portfolios[0].userTokens;
    const session = randomUUID();
    await control(rig.sandbox, "POST", "/__sandbox/faults", { status: 503, times: 1, match: { method: "DELETE", path: all[0].userTokenId } });
    const { job } = await start(rig, { kind: "revoke", tokenIds: all.slice(0, 2).map((t) => t.userTokenId) }, { sessionId: session });
    worker.start();
    expect((await waitFor(rig, job!.id)).failed).toBe(1);
    const retrier = { sessionId: randomUUID(), clientIp: "192.0.2.7" };
    expect(await retryFailed(rig.db, account(alice), job!.id, await sealCredentials(alice, SECRET), retrier)).toBe(true);
    expect((await waitFor(rig, job!.id, (j) => j.state === "finished" && j.left === 0)).done).toBe(2);

    const other = await start(rig, { kind: "revoke", tokenIds: [all[2].userTokenId] }, { intervalMs: 60_000, sessionId: session });
    await worker.stop();
    expect(await cancelJob(rig.db, account(alice), other.job!.id, retrier)).toBe(true);

    const events = await jobEvents([job!.id, other.job!.id]);
    expect(events.map((e) => e.action)).toEqual(["job.create", "job.retry", "job.create", "job.cancel"]);
    expect(events[0].after).toEqual({
      jobId: job!.id,
      kind: "revoke",
      sessionId: session,
      targets: all.slice(0, 2).map((t) => ({ portfolioId: expect.any(String), portfolioName: expect.any(String), tokenId: t.userTokenId, tokenName: t.userTokenName })),
    });
    expect(events[1]).toMatchObject({ clientIp: "192.0.2.7", after: { jobId: job!.id, sessionId: retrier.sessionId, items: 1 } });
    expect(events[3]).toMatchObject({ clientIp: "192.0.2.7", after: { jobId: other.job!.id, sessionId: retrier.sessionId, cause: "cancel" } });
    const [row] = await rig.db.select().from(jobs).where(eq(jobs.id, other.job!.id));
    expect(row.sealedCredentials).toBeNull();
    await expect(verifyLedger(rig.db)).resolves.toMatchObject({ ok: true });
  });
});
