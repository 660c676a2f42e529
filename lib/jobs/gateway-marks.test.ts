/**
 * The kill switch at the gateway: starting a revoke, freeze or
 * delete-portfolio job marks its tokens in the gateway's registry before the
 * job makes its first eToro call (no worker runs here, so none is made), and
 * cancelling a freeze before it ran takes its marks back.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { gatewayTokens } from "@/lib/db/schema";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted } from "@/lib/gateway/token-registry";
import { control } from "@/tests/support/sandbox-client";
import { ACTOR, account, alice, openRig, sandboxStats, start, type Rig } from "@/tests/support/jobs-rig";
import { cancelJob } from "./store";

let rig: Rig;
beforeAll(async () => {
  rig = await openRig({ sandbox: { seedPortfolios: 2, seedTokens: 3 } });
}, 60_000);
afterAll(() => rig?.close(), 60_000);

const hasher = createTokenHasher("jobs-gateway-marks-secret-".padEnd(40, "m"));

async function registered() {
  await control(rig.sandbox, "POST", "/__sandbox/reset");
  await rig.db.execute(sql`delete from gateway_tokens`);
  const portfolios = (await listPortfolios(alice, { fresh: true })).portfolios;
  for (const p of portfolios) {
    for (const t of p.userTokens) {
      await registerMinted(rig.db, hasher, {
        account: account(alice),
        agentPortfolioId: p.agentPortfolioId,
        userTokenId: t.userTokenId,
        userTokenName: t.userTokenName,
        secret: `secret-of-${t.userTokenId}`,
        gatewayOnly: false,
        agentIps: [],
      });
    }
  }
  await control(rig.sandbox, "POST", "/__sandbox/stats/reset");
  return portfolios;
}

async function row(tokenId: string) {
  const [found] = await rig.db.select().from(gatewayTokens).where(eq(gatewayTokens.userTokenId, tokenId));
  return found;
}

beforeEach(async () => {
  await rig.db.execute(sql`delete from job_budgets`);
});

it("a freeze job marks its tokens frozen at once, before any eToro call", async () => {
  const [first] = await registered();
  const { plan } = await start(rig, { kind: "freeze", tokenIds: first.userTokens.map((t) => t.userTokenId), dryRun: true });
  // The tokens the job will freeze (one with nothing to freeze is left out of the plan).
  const ids = plan.targets.map((t) => t.tokenId!);
  expect(ids.length).toBeGreaterThan(0);
  const before = (await row(ids[0])).version;
  await start(rig, { kind: "freeze", tokenIds: ids });
  for (const id of ids) expect((await row(id)).frozenAt).not.toBeNull();
  expect((await row(ids[0])).version).toBeGreaterThan(before);
  const upstreamWrites = Object.entries((await sandboxStats(rig)).byRoute).filter(([route]) => !route.startsWith("GET"));
  expect(upstreamWrites).toEqual([]);
});

it("revoke and delete-portfolio jobs mark tokens revoked; a dry run marks nothing", async () => {
  const [first, second] = await registered();
  await start(rig, { kind: "revoke", tokenIds: [first.userTokens[0].userTokenId], dryRun: true });
  expect((await row(first.userTokens[0].userTokenId)).revokedAt).toBeNull();

  await start(rig, { kind: "revoke", tokenIds: [first.userTokens[0].userTokenId] });
  expect((await row(first.userTokens[0].userTokenId)).revokedAt).not.toBeNull();
  expect((await row(first.userTokens[1].userTokenId)).revokedAt).toBeNull();

  await start(rig, { kind: "delete-portfolio", portfolioIds: [second.agentPortfolioId] });
  for (const t of second.userTokens) expect((await row(t.userTokenId)).revokedAt).not.toBeNull();
});

it("a freeze cancelled before it ran takes its marks back (eToro froze nothing); a cancelled revoke keeps them", async () => {
  const [first, second] = await registered();
  const { plan } = await start(rig, { kind: "freeze", tokenIds: first.userTokens.map((t) => t.userTokenId), dryRun: true });
  const ids = plan.targets.map((t) => t.tokenId!);
  const { job } = await start(rig, { kind: "freeze", tokenIds: ids });
  for (const id of ids) expect((await row(id)).frozenAt).not.toBeNull();
  const before = (await row(ids[0])).version;
  expect(await cancelJob(rig.db, account(alice), job!.id, ACTOR)).toBe(true);
  // Refused at the gateway no more: at eToro these tokens can still trade.
  for (const id of ids) expect((await row(id)).frozenAt).toBeNull();
  // A new version, so every instance's registry cache picks the change up.
  expect((await row(ids[0])).version).toBeGreaterThan(before);

  const revoked = second.userTokens[0].userTokenId;
  const { job: revoke } = await start(rig, { kind: "revoke", tokenIds: [revoked] });
  await cancelJob(rig.db, account(alice), revoke!.id, ACTOR);
  expect((await row(revoked)).revokedAt).not.toBeNull();
});
