/**
 * No account waits on another: while one account's long job runs (one call a
 * minute, or waiting out a 429), another account's small freeze starts at once and
 * ends within seconds, each at its own account's pace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOB, TEST_API_KEY, control } from "@/tests/support/sandbox-client";
import { SECRET, account, alice, openRig, start, waitFor, type Rig } from "@/tests/support/jobs-rig";
import { DEMO_READ, DEMO_WRITE } from "@/lib/domain/scopes";
import { createPortfolio, listPortfolios } from "@/lib/etoro/agent-portfolios";
import { getJob } from "./store";
import { JobWorker } from "./worker";

const bob = { apiKey: TEST_API_KEY, userKey: BOB };
let rig: Rig;
beforeAll(async () => {
  rig = await openRig({ sandbox: { seedPortfolios: 2, seedTokens: 5 } });
  await createPortfolio(bob, { agentPortfolioName: "BobPort", investmentAmountInUsd: 300, userTokenName: "bob-bot", scopeNames: [DEMO_READ, DEMO_WRITE] });
}, 60_000);
afterAll(() => rig?.close(), 60_000);

describe("jobs of different accounts run side by side", () => {
  it("Bob's freeze of one token finishes within seconds while Alice's long revoke and her 429 wait hold only her", async () => {
    const aliceTokens = (await listPortfolios(alice, { fresh: true })).portfolios.flatMap((p) => p.userTokens);
    // Alice's second call meets a 429 with a minute's Retry-After, after a first call a minute apart anyway.
    await control(rig.sandbox, "POST", "/__sandbox/faults", { rateLimit: { retryAfterSeconds: 60 }, times: 1, match: { method: "DELETE" } });
    const long = (await start(rig, { kind: "revoke", tokenIds: aliceTokens.slice(0, 5).map((t) => t.userTokenId) }, { intervalMs: 60_000 })).job!;
    const bobToken = (await listPortfolios(bob, { fresh: true })).portfolios[0].userTokens[0];
    const urgent = (await start(rig, { kind: "freeze", tokenIds: [bobToken.userTokenId] }, { credentials: bob, intervalMs: 1_200 })).job!;

    const worker = new JobWorker({ db: rig.db, secret: SECRET, leaseMs: 2_000, pollMs: 50 });
    worker.start();
    try {
      const deadline = Date.now() + 5_000;
      let bobs = await getJob(rig.db, account(bob), urgent.id);
      while (bobs?.state !== "finished" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        bobs = await getJob(rig.db, account(bob), urgent.id);
      }
      expect({ state: bobs?.state, done: bobs?.done }).toEqual({ state: "finished", done: 1 });
      // It started within a second of being queued.
      expect(new Date(bobs!.startedAt!).getTime() - new Date(bobs!.createdAt).getTime()).toBeLessThan(1_000);
      const alices = await waitFor(rig, long.id, () => true);
      expect(alices.state).toBe("running");
      expect(alices.done).toBeLessThan(5);
      expect((await listPortfolios(bob, { fresh: true })).portfolios[0].userTokens[0].scopeNames).toEqual([DEMO_READ]);
    } finally {
      await worker.stop();
    }
  });
});
