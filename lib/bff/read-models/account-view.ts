import "server-only";
import type { NextRequest } from "next/server";
import type { PortfolioList, PortfolioView } from "@/lib/domain/types";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { getLedgerDb } from "@/lib/db/process-db";
import { listFactsFor, type ListFacts } from "@/lib/ledger/list-facts";
import { accountFingerprint, listChangedAt } from "@/lib/session";
import { serialise, type JsonOf } from "../http/respond";
import { NO_USAGE, type TokenUsageFacts } from "@/lib/domain/token-usage";
import { originsOf } from "./token-origins";
import { usageFactsFor } from "./token-usage";
import { boundaryFactsFor, type TokenBoundaryFacts } from "./token-boundaries";
import { tokenRisk } from "@/lib/domain/token-status";

/**
 * The account's list as the browser sees it: eToro's portfolios with the ledger's
 * facts folded in (secret hints, roll links, investments, origins), and its JSON.
 * Built once per upstream list load and shared by every read until that list is
 * reloaded (its 15 s lifetime, or a mutation), so a cached read costs the session
 * unseal and a string, not two ledger queries and a re-serialisation.
 */
export type AccountView = {
  list: PortfolioList;
  /** `list` serialised, sent as is. */
  json: JsonOf<PortfolioList>;
  requestId: string;
};

type Listed = Awaited<ReturnType<typeof listPortfolios>>;

// Keyed by the upstream load itself: a new load (expiry, a mutation) is a new key,
// and a view dies with the load it was made from.
const globalForViews = globalThis as unknown as { __apcAccountViews?: WeakMap<Listed, Promise<AccountView>> };
const views = (globalForViews.__apcAccountViews ??= new WeakMap());

export async function accountView(req: NextRequest, credentials: EtoroCredentials): Promise<AccountView> {
  const listed = await listPortfolios(credentials, { changedAfter: await listChangedAt() });
  const cached = views.get(listed);
  if (cached) return cached;
  const building = buildView(req, accountFingerprint(credentials), listed).then(({ view, complete }) => {
    // A ledger that could not answer gave a view without its facts: serve it, but ask again next read.
    if (!complete && views.get(listed) === building) views.delete(listed);
    return view;
  });
  views.set(listed, building);
  building.catch(() => views.delete(listed));
  return building;
}

async function buildView(req: NextRequest, account: string, listed: Listed): Promise<{ view: AccountView; complete: boolean }> {
  const facts = await ledgerFacts(account, listed.portfolios);
  const origins = await originsOf(req, account, listed.portfolios, listed.requestId);
  const now = Date.now();
  const [usage, held] = await Promise.all([gatewayFacts(account, now), boundaryFacts(account, now)]);
  const list: PortfolioList = {
    agentPortfolios: listed.portfolios.map((p) => ({
      ...p,
      ...facts.value.portfolios.get(p.agentPortfolioId),
      userTokens: p.userTokens.map((t) => {
        const gateway = usage.value.get(t.userTokenId) ?? NO_USAGE;
        const bounds = held.value.get(t.userTokenId) ?? null;
        return {
          ...t,
          secretHint: facts.value.secretHints.get(t.userTokenId) ?? null,
          replaces: facts.value.replaces.get(t.userTokenId) ?? null,
          replacedBy: facts.value.replacedBy.get(t.userTokenId) ?? null,
          origin: origins.value.get(t.userTokenId) ?? null,
          ...gateway,
          boundaries: bounds?.boundaries ?? null,
          budget: bounds?.budget ?? null,
          // Judged again with what the gateway holds the token to: boundaries count only on a gateway-only token.
          risk: tokenRisk(t, now, { gatewayOnly: gateway.gatewayOnly, boundaries: bounds?.boundaries ?? null }),
        };
      }),
    })),
    fetchedAt: listed.fetchedAt,
  };
  return {
    view: { list, json: serialise(list), requestId: listed.requestId },
    complete: facts.complete && origins.complete && usage.complete && held.complete,
  };
}

/** Hints, roll links and investments are a convenience: a ledger outage must not take the list down with it. */
async function ledgerFacts(account: string, portfolios: PortfolioView[]): Promise<{ value: ListFacts; complete: boolean }> {
  try {
    const value = await listFactsFor(await getLedgerDb(), account, {
      tokenIds: portfolios.flatMap((p) => p.userTokens.map((t) => t.userTokenId)),
      portfolioIds: portfolios.map((p) => p.agentPortfolioId),
    });
    return { value, complete: true };
  } catch (e) {
    console.error(`[ledger] list facts lookup failed: ${e instanceof Error ? e.name : "unknown"}`);
    return {
      value: { secretHints: new Map(), replaces: new Map(), replacedBy: new Map(), portfolios: new Map() },
      complete: false,
    };
  }
}

/** Last use, recent calls and gateway-only come from the gateway's tables: like the ledger's facts, a convenience the list survives without. */
async function gatewayFacts(account: string, now: number): Promise<{ value: Map<string, TokenUsageFacts>; complete: boolean }> {
  try {
    return { value: await usageFactsFor(await getLedgerDb(), account, now), complete: true };
  } catch (e) {
    console.error(`[gateway] usage facts lookup failed: ${e instanceof Error ? e.name : "unknown"}`);
    return { value: new Map(), complete: false };
  }
}

/** Boundaries and budget use, from the gateway's registry: the list survives without them too (shown as unknown). */
async function boundaryFacts(account: string, now: number): Promise<{ value: Map<string, TokenBoundaryFacts>; complete: boolean }> {
  try {
    return { value: await boundaryFactsFor(await getLedgerDb(), account, now), complete: true };
  } catch (e) {
    console.error(`[gateway] boundaries lookup failed: ${e instanceof Error ? e.name : "unknown"}`);
    return { value: new Map(), complete: false };
  }
}
