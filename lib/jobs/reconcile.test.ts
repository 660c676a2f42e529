/**
 * A job item says what eToro did: a freeze call whose answer timed out after eToro
 * made the change, and one that was in flight when the job was cancelled, both end
 * as done, so Unfreeze restores every token a freeze changed; a call that timed out
 * before anything happened is recorded as not done.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { control } from "@/tests/support/sandbox-client";
import { ACTOR, SECRET, account, alice, openRig, start, waitFor, type Rig } from "@/tests/support/jobs-rig";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { ledgerEvents } from "@/lib/db/schema/ledger-events";
import { hasWriteScope } from "./plan";
import { cancelJob } from "./store";
import { JobWorker } from "./worker";

let rig: Rig;
let worker: JobWorker;
beforeAll(async () => {
  process.env.ETORO_TIMEOUT_MS = "1000";
  rig = await openRig({ sandbox: { seedPortfolios: 2, seedTokens: 5 } });
}, 60_000);
afterAll(async () => {
  await rig?.close();
  delete process.env.ETORO_TIMEOUT_MS;
}, 60_000);
beforeEach(async () => {
  await control(rig.sandbox, "DELETE", "/__sandbox/faults");
  await control(rig.sandbox, "POST", "/__sandbox/reset");
  await rig.db.execute(sql`delete from job_budgets`);
  worker = new JobWorker({ db: rig.db, secret: SECRET, leaseMs: 5_000, pollMs: 50 });
});
afterEach(() => worker.stop());

async function tokens() {
  return (await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens);
}
const scopes = (list: Awaited<ReturnType<typeof tokens>>) => Object.fromEntries(list.map((t) => [t.userTokenId, [...t.scopeNames].sort()]));

async function unfreezeAll() {
  // A cancelled slow job leaves its next call slot reserved a minute ahead.
  await rig.db.execute(sql`delete from job_budgets`);
  const un = await start(rig, { kind: "unfreeze", all: true });
  if (un.job) await waitFor(rig, un.job.id);
}

describe("reconciling calls eToro may have answered too late", () => {
  it("a freeze whose answer timed out after the change is done; Unfreeze restores every token", async () => {
    const before = await tokens();
    const writers = before.filter(hasWriteScope);
    const late = writers[1];
    await control(rig.sandbox, "POST", "/__sandbox/faults", { lateAnswerMs: 2_500, times: 1, match: { method: "PATCH", path: late.userTokenId } });
    const { job } = await start(rig, { kind: "freeze", tokenIds: writers.map((t) => t.userTokenId) });
    worker.start();
    const ended = await waitFor(rig, job!.id);
    expect({ done: ended.done, failed: ended.failed }).toEqual({ done: writers.length, failed: 0 });
    expect(ended.items!.find((i) => i.tokenId === late.userTokenId)!.reason).toMatch(/too late.*change was made/);
    // The ledger says it happened, once.
    const lateEvents = await rig.db.select().from(ledgerEvents).where(and(eq(ledgerEvents.action, "token.update"), eq(ledgerEvents.tokenId, late.userTokenId)));
    expect(lateEvents.map((e) => e.outcome)).toEqual(["ok"]);

    await unfreezeAll();
    expect(scopes(await tokens())).toEqual(scopes(before));
  });

  it("a revoke that timed out before eToro made it is recorded as not done", async () => {
    const [victim] = await tokens();
    // eToro takes 5 s before it acts: the client gives up at 1 s and the read-back still lists the token.
    await control(rig.sandbox, "POST", "/__sandbox/faults", { latencyMs: 5_000, times: 1, match: { method: "DELETE", path: victim.userTokenId } });
    const { job } = await start(rig, { kind: "revoke", tokenIds: [victim.userTokenId] });
    worker.start();
    const ended = await waitFor(rig, job!.id);
    expect({ done: ended.done, failed: ended.failed }).toEqual({ done: 0, failed: 1 });
    expect(ended.items![0].reason).toMatch(/list shows it was not made/);
    const events = await rig.db.select().from(ledgerEvents).where(and(eq(ledgerEvents.action, "token.revoke"), eq(ledgerEvents.tokenId, victim.userTokenId)));
    expect(events.map((e) => [e.outcome, e.errorCode])).toEqual([["error", "UpstreamTimeout"]]);
  });

  it("a freeze call in flight when the job is cancelled is settled by its answer; Unfreeze restores it", async () => {
    const before = await tokens();
    const writers = before.filter(hasWriteScope);
    const first = writers[0];
    await control(rig.sandbox, "POST", "/__sandbox/faults", { lateAnswerMs: 700, times: 1, match: { method: "PATCH", path: first.userTokenId } });
    const { job } = await start(rig, { kind: "freeze", tokenIds: writers.map((t) => t.userTokenId) }, { intervalMs: 60_000 });
    worker.start();
    await waitFor(rig, job!.id, (j) => j.items![0].attempts === 1);
    expect(await cancelJob(rig.db, account(alice), job!.id, ACTOR)).toBe(true);
    const settled = await waitFor(rig, job!.id, (j) => j.items![0].state !== "skipped", 10_000);
    expect({ state: settled.state, done: settled.done, skipped: settled.skipped }).toEqual({ state: "cancelled", done: 1, skipped: writers.length - 1 });
    expect(settled.items![0]).toMatchObject({ tokenId: first.userTokenId, state: "done" });

    await unfreezeAll();
    expect(scopes(await tokens())).toEqual(scopes(before));
  });
});
