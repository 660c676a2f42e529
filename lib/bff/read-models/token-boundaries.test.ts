import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "@/lib/db/test-backends";
import { gatewayTokens, tokenBudgets } from "@/lib/db/schema";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted, setBoundaries } from "@/lib/gateway/token-registry";
import { NO_BOUNDARIES } from "@/lib/schemas/boundaries";
import { boundaryFactsFor, boundaryFactsOf } from "./token-boundaries";

const NOW = Date.parse("2026-03-11T10:00:00Z"); // a Wednesday
const DAY = Date.parse("2026-03-11T00:00:00Z");
const WEEK = Date.parse("2026-03-09T00:00:00Z");
const T1 = "00000000-0000-4000-8000-000000000001";
const T2 = "00000000-0000-4000-8000-000000000002";
const BOB_T = "00000000-0000-4000-8000-000000000003";
const P = "00000000-0000-4000-8000-0000000000aa";
const hasher = createTokenHasher("k".repeat(32));
const budgets = { ...NO_BOUNDARIES, dailyBudgetUsdCents: 500_00, weeklyBudgetUsdCents: 1_500_00 };
const minted = (userTokenId: string, account: string) => ({
  account,
  agentPortfolioId: P,
  userTokenId,
  userTokenName: `t-${userTokenId.slice(-1)}`,
  secret: `sk_sandbox_${userTokenId.replaceAll("-", "")}`,
  gatewayOnly: true,
  agentIps: [],
});

describeEachBackend("token boundaries in the registry", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate gateway_tokens, token_budgets`);
  });

  it("a mint stores its boundaries; each token's budget use is read for the current UTC day and week only, per account", async () => {
    const { db } = get();
    await registerMinted(db, hasher, { ...minted(T1, "alice"), boundaries: budgets });
    await registerMinted(db, hasher, minted(T2, "alice"));
    await registerMinted(db, hasher, { ...minted(BOB_T, "bob"), boundaries: budgets });
    await db.insert(tokenBudgets).values([
      { userTokenId: T1, period: "day", windowStart: new Date(DAY), usedCents: 120_00 },
      { userTokenId: T1, period: "day", windowStart: new Date(DAY - 86_400_000), usedCents: 499_00 },
      { userTokenId: T1, period: "week", windowStart: new Date(WEEK), usedCents: 900_00 },
      { userTokenId: BOB_T, period: "day", windowStart: new Date(DAY), usedCents: 1 },
    ]);
    const facts = await boundaryFactsFor(db, "alice", NOW);
    expect([...facts.keys()].sort()).toEqual([T1, T2]);
    expect(facts.get(T1)?.boundaries).toEqual(budgets);
    expect(facts.get(T1)?.budget.day).toMatchObject({ usedCents: 120_00, leftCents: 380_00, limitCents: 500_00 });
    expect(facts.get(T1)?.budget.week).toMatchObject({ usedCents: 900_00, leftCents: 600_00 });
    // `{}` (a token from before boundaries, or minted without) reads as none.
    expect(facts.get(T2)).toEqual({ boundaries: NO_BOUNDARIES, budget: { day: null, week: null } });
    expect(await boundaryFactsOf(db, "alice", BOB_T, NOW)).toBeNull();
  });

  it("setBoundaries replaces them for the account's own token only, returns what they were, and bumps the version", async () => {
    const { db } = get();
    await registerMinted(db, hasher, minted(T1, "alice"));
    const version = async () => (await db.select({ v: gatewayTokens.version }).from(gatewayTokens))[0].v;
    const v0 = await version();
    expect(await setBoundaries(db, "bob", T1, budgets)).toBeNull();
    expect(await version()).toBe(v0);
    const first = await setBoundaries(db, "alice", T1, budgets);
    expect(first).toMatchObject({ before: {}, agentPortfolioId: P, gatewayOnly: true });
    expect(await version()).toBeGreaterThan(v0);
    const second = await setBoundaries(db, "alice", T1, NO_BOUNDARIES);
    expect(second?.before).toEqual(budgets);
    expect((await boundaryFactsOf(db, "alice", T1, NOW))?.boundaries).toEqual(NO_BOUNDARIES);
  });
});
