/**
 * A claimed job's age comes from the database's clock, on both backends: this
 * instance's clock an hour off does not change it, so the wait before a job's
 * first eToro call (GATEWAY_FIRST_MS) is neither skipped nor stretched.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { describeEachBackend } from "@/lib/db/test-backends";
import { claimJob } from "./lease";

async function queueJob(db: Parameters<typeof claimJob>[0], account: string, secondsAgo: number): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    insert into jobs (id, account, kind, state, total, interval_ms, created_at)
    values (${id}, ${account}, 'freeze', 'queued', 0, 1000, clock_timestamp() - ${`${secondsAgo} seconds`}::interval)`);
  return id;
}

describeEachBackend("claimJob", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`delete from job_items`);
    await get().db.execute(sql`delete from jobs`);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("tells a job's age by the database's clock, whatever this instance's clock says", async () => {
    const { db } = get();
    const old = await queueJob(db, "acct-old", 10);
    const fresh = await queueJob(db, "acct-fresh", 0);
    // This instance's clock an hour ahead: an age computed from it would say the fresh job waited an hour.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_600_000 });
    const first = await claimJob(db, "instance-a", 60_000);
    const second = await claimJob(db, "instance-a", 60_000);
    expect(first?.id).toBe(old);
    expect(first!.ageMs).toBeGreaterThanOrEqual(10_000);
    expect(first!.ageMs).toBeLessThan(30_000);
    expect(second?.id).toBe(fresh);
    expect(second!.ageMs).toBeGreaterThanOrEqual(0);
    expect(second!.ageMs).toBeLessThan(10_000);
  });
});
