import { describe, expect, it } from "vitest";
import { DEMO_READ, DEMO_WRITE, REAL_READ, REAL_WRITE } from "@/lib/domain/scopes";
import { portfolioView, tokenView } from "@/tests/support/views";
import { frozenScopes, planItems } from "./plan";

const t = (id: string, scopeNames: string[]) => tokenView({ userTokenId: id, scopeNames });
const list = [portfolioView({ agentPortfolioId: "p1", agentPortfolioName: "AlphaBot", userTokens: [t("a", [REAL_READ, REAL_WRITE]), t("b", [DEMO_READ]), t("c", [DEMO_WRITE])] })];

describe("planning a job", () => {
  it("freezing maps write scopes to their read counterparts", () => {
    expect(frozenScopes([REAL_READ, REAL_WRITE])).toEqual([REAL_READ]);
    expect(frozenScopes([DEMO_WRITE])).toEqual([DEMO_READ]);
  });

  it("freeze all takes only write tokens; a selected read-only one is left out with the reason", () => {
    expect(planItems("freeze", { all: true }, list).items.map((i) => [i.tokenId, i.scopeNames])).toEqual([
      ["a", [REAL_READ]],
      ["c", [DEMO_READ]],
    ]);
    const picked = planItems("freeze", { tokenIds: ["b"] }, list);
    expect(picked.items).toEqual([]);
    expect(picked.skipped[0].reason).toMatch(/read-only/);
  });

  it("names and before-settings come from the list; unknown ids are left out, never trusted", () => {
    const { items, skipped } = planItems("revoke", { tokenIds: ["a", "00000000-0000-4000-8000-000000000000"] }, list);
    expect(items).toEqual([expect.objectContaining({ portfolioId: "p1", portfolioName: "AlphaBot", tokenName: "name-a", before: { scopeNames: [REAL_READ, REAL_WRITE], ipsWhitelist: [], expiresAt: null } })]);
    expect(skipped[0].reason).toMatch(/No such token/);
  });

  it("unfreeze restores what the freeze recorded, and only where it differs", () => {
    const recorded = new Map([
      ["a", [REAL_READ, REAL_WRITE]],
      ["b", [DEMO_READ]],
    ]);
    const frozen = [{ ...list[0], userTokens: [t("a", [REAL_READ]), t("b", [DEMO_READ]), t("c", [DEMO_WRITE])] }];
    expect(planItems("unfreeze", { all: true }, frozen, recorded).items.map((i) => [i.tokenId, i.scopeNames])).toEqual([["a", [REAL_READ, REAL_WRITE]]]);
  });

  it("delete-portfolio takes portfolios and records their token ids", () => {
    expect(planItems("delete-portfolio", { all: true }, list).items).toEqual([
      expect.objectContaining({ portfolioId: "p1", tokenId: null, before: { tokenIds: ["a", "b", "c"] } }),
    ]);
  });
});
