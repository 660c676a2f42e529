/**
 * From what the person asked ("these tokens", "every token") and the account's
 * current list to the items of a job. The list is the truth: ids it does not hold are
 * left out (with the reason), names and "before" settings come from it, never from
 * the browser. Pure: no I/O here.
 */
import { DEMO_READ, DEMO_WRITE, REAL_READ, REAL_WRITE } from "@/lib/domain/scopes";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import type { PlannedItem } from "./store";
import type { JobKind, JobPlan } from "./types";

export type JobTargets = { all: true } | { tokenIds: string[] } | { portfolioIds: string[] };

type Skipped = JobPlan["skipped"][number];

/** Write scopes become their read counterparts: agents can still look, not trade. */
export function frozenScopes(scopeNames: string[]): string[] {
  const down = scopeNames.map((s) => (s === REAL_WRITE ? REAL_READ : s === DEMO_WRITE ? DEMO_READ : s));
  return [...new Set(down)];
}

export function hasWriteScope(token: Pick<TokenView, "scopeNames">): boolean {
  return token.scopeNames.includes(REAL_WRITE) || token.scopeNames.includes(DEMO_WRITE);
}

function snapshot(t: TokenView) {
  return { scopeNames: t.scopeNames, ipsWhitelist: t.ipsWhitelist, expiresAt: t.expiresAt };
}

/**
 * `scopesBeforeFreeze`: for unfreeze, what each frozen token held before (from the
 * completed freeze jobs). Returns the items in list order and what was left out.
 */
export function planItems(
  kind: JobKind,
  targets: JobTargets,
  portfolios: PortfolioView[],
  scopesBeforeFreeze: Map<string, string[]> = new Map(),
): { items: PlannedItem[]; skipped: Skipped[] } {
  const items: PlannedItem[] = [];
  const skipped: Skipped[] = [];

  if (kind === "delete-portfolio") {
    const wanted = "portfolioIds" in targets ? new Set(targets.portfolioIds) : null;
    if ("tokenIds" in targets) return { items, skipped: [{ portfolioName: null, tokenName: null, reason: "Deleting portfolios takes portfolio ids." }] };
    for (const p of portfolios) {
      if (wanted && !wanted.has(p.agentPortfolioId)) continue;
      wanted?.delete(p.agentPortfolioId);
      items.push({
        portfolioId: p.agentPortfolioId,
        portfolioName: p.agentPortfolioName,
        tokenId: null,
        tokenName: null,
        before: { tokenIds: p.userTokens.map((t) => t.userTokenId) },
        scopeNames: null,
      });
    }
    for (const id of wanted ?? []) skipped.push({ portfolioName: id, tokenName: null, reason: "No such portfolio in this account any more." });
    return { items, skipped };
  }

  if ("portfolioIds" in targets) return { items, skipped: [{ portfolioName: null, tokenName: null, reason: "This job takes token ids." }] };
  const wanted = "tokenIds" in targets ? new Set(targets.tokenIds) : null;
  for (const p of portfolios) {
    for (const t of p.userTokens) {
      if (wanted && !wanted.has(t.userTokenId)) continue;
      wanted?.delete(t.userTokenId);
      const names = { portfolioName: p.agentPortfolioName, tokenName: t.userTokenName };
      const base = { portfolioId: p.agentPortfolioId, ...names, tokenId: t.userTokenId, before: snapshot(t) };
      if (kind === "revoke") {
        items.push({ ...base, scopeNames: null });
      } else if (kind === "freeze") {
        if (hasWriteScope(t)) items.push({ ...base, scopeNames: frozenScopes(t.scopeNames) });
        else if (wanted) skipped.push({ ...names, reason: "Already read-only: nothing to freeze." });
      } else {
        const restore = scopesBeforeFreeze.get(t.userTokenId);
        const unchanged = restore && restore.length === t.scopeNames.length && restore.every((s) => t.scopeNames.includes(s));
        if (restore && !unchanged) items.push({ ...base, scopeNames: restore });
        else if (wanted) skipped.push({ ...names, reason: "Not frozen by this console: nothing to restore." });
      }
    }
  }
  for (const id of wanted ?? []) skipped.push({ portfolioName: null, tokenName: id, reason: "No such token in this account any more." });
  return { items, skipped };
}
