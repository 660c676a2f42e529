/**
 * A job as the progress view reads it is one moment of it: the counters and the
 * items agree even while the worker settles items (each settle changes an item and
 * the counters in one transaction). Read in two statements, a settle committed
 * between them showed an item done and the counters not yet.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachBackend } from "@/lib/db/test-backends";
import { jobItems, jobs } from "@/lib/db/schema";
import { settleAfterCancel } from "./lease";
import { IN_FLIGHT_AT_CANCEL, createJob, getJob } from "./store";

const ITEMS = 40;

describeEachBackend("a job's view", (get) => {
  it("counts what its items say while items are settled beside it", async () => {
    const { db } = get();
    const account = `acct-${randomUUID()}`;
    const items = Array.from({ length: ITEMS }, (_, i) => ({
      portfolioId: randomUUID(),
      portfolioName: `p${i}`,
      tokenId: randomUUID(),
      tokenName: `t${i}`,
      before: null,
      scopeNames: [],
    }));
    const job = await createJob(db, { account, kind: "freeze", items, sealedCredentials: "sealed", intervalMs: 0, clientIp: null, sessionId: null });
    // Cancelled with every call at eToro: each item waits for its answer to settle it.
    await db.update(jobItems).set({ state: "skipped", reason: IN_FLIGHT_AT_CANCEL, attempts: 1 }).where(eq(jobItems.jobId, job.id));
    await db.update(jobs).set({ state: "cancelled", skipped: ITEMS, sealedCredentials: null }).where(eq(jobs.id, job.id));
    const rows = await db.select().from(jobItems).where(eq(jobItems.jobId, job.id));

    let settling = true;
    const settle = (async () => {
      for (const row of rows) await settleAfterCancel(db, row, { state: "done", reason: null, requestId: null });
      settling = false;
    })();
    const seen: { done: number; skipped: number; itemsDone: number; itemsSkipped: number }[] = [];
    while (settling) {
      const view = (await getJob(db, account, job.id))!;
      seen.push({
        done: view.done,
        skipped: view.skipped,
        itemsDone: view.items!.filter((i) => i.state === "done").length,
        itemsSkipped: view.items!.filter((i) => i.state === "skipped").length,
      });
    }
    await settle;

    expect(seen.length).toBeGreaterThan(0);
    for (const moment of seen) expect({ done: moment.done, skipped: moment.skipped }).toEqual({ done: moment.itemsDone, skipped: moment.itemsSkipped });
    const last = (await getJob(db, account, job.id))!;
    expect({ done: last.done, skipped: last.skipped }).toEqual({ done: ITEMS, skipped: 0 });
    await db.execute(sql`delete from jobs where id = ${job.id}`);
  });
});
