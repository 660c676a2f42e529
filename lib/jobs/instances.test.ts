/**
 * Two instances (two workers, two connection pools, two lease owners) on one
 * PostgreSQL: the one running a job is killed mid-way (its loop stops and the lease
 * is left to lapse, as when a process dies); the other takes the job over and
 * finishes it. Every token is revoked exactly once, and the ledger chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { SECRET, account, alice, dumpText, openRig, sandboxStats, start, waitFor, type Rig } from "@/tests/support/jobs-rig";
import { control } from "@/tests/support/sandbox-client";
import { postgresSkipReason } from "@/lib/db/test-backends";
import { openLedger, type OpenLedger } from "@/lib/db/open";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { ledgerEvents } from "@/lib/db/schema";
import { verifyLedger } from "@/lib/ledger/verify";
import { jobs } from "@/lib/db/schema";
import { JobWorker } from "./worker";

const REVOKE = "DELETE /api/v1/agent-portfolios/{agentPortfolioId}/user-tokens/{userTokenId}";
const title = postgresSkipReason ? `two instances (skipped: ${postgresSkipReason})` : "two instances on one PostgreSQL";

describe.skipIf(!!postgresSkipReason)(title, () => {
  let rig: Rig;
  let second: OpenLedger;
  beforeAll(async () => {
    rig = await openRig({ backend: "postgres", sandbox: { seedPortfolios: 2, seedTokens: 10 } });
    second = await openLedger({ databaseUrl: rig.databaseUrl! });
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await rig?.close();
  }, 60_000);

  it("the instance running a job is killed mid-way; the other finishes it; every token revoked exactly once", async () => {
    const tokens = (await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens);
    expect(tokens).toHaveLength(20);
    await control(rig.sandbox, "POST", "/__sandbox/stats/reset");
    const { job } = await start(rig, { kind: "revoke", tokenIds: tokens.map((t) => t.userTokenId) }, { intervalMs: 150 });

    const a = new JobWorker({ db: rig.db, secret: SECRET, owner: "instance-a", leaseMs: 1_500, pollMs: 50 });
    const b = new JobWorker({ db: second.db, secret: SECRET, owner: "instance-b", leaseMs: 1_500, pollMs: 50 });
    a.start();
    await waitFor(rig, job!.id, (j) => j.done >= 6);
    b.start();
    const [held] = await rig.db.select({ owner: jobs.leaseOwner }).from(jobs).where(eq(jobs.id, job!.id));
    expect(held.owner).toBe("instance-a");
    await a.stop({ release: false }); // killed: the lease stays until it lapses
    const doneWhenKilled = (await waitFor(rig, job!.id, () => true)).done;
    expect(doneWhenKilled).toBeLessThan(20);

    const ended = await waitFor(rig, job!.id, undefined, 60_000);
    await b.stop();
    expect({ state: ended.state, done: ended.done, failed: ended.failed }).toEqual({ state: "finished", done: 20, failed: 0 });
    // Exactly once: 20 revoke calls reached eToro, none answered "already gone".
    expect((await sandboxStats(rig)).byRoute[REVOKE]).toBe(20);
    expect(ended.items!.filter((i) => i.reason !== null)).toEqual([]);
    expect((await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens)).toEqual([]);

    const revokes = await rig.db.select().from(ledgerEvents).where(eq(ledgerEvents.action, "token.revoke"));
    expect(revokes).toHaveLength(20);
    expect(new Set(revokes.map((e) => e.tokenId)).size).toBe(20);
    // The 20 revokes and the job's creation.
    await expect(verifyLedger(rig.db)).resolves.toMatchObject({ ok: true, count: 21 });

    const dump = await dumpText(rig.db);
    expect(dump).not.toContain(alice.userKey);
    expect(dump).not.toContain(SECRET);
    expect(account(alice)).toMatch(/^[0-9a-f]{16}$/);
  }, 60_000);
});
