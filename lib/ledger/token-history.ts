import "server-only";
/**
 * What the ledger knows about each token of an account, folded from its events:
 * eToro forgets a token the moment it is revoked, the ledger does not. Also where a
 * token came from: minted here ("console"), or first seen in eToro's list
 * ("outside", recorded once as `token.discovered`).
 */
import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { appendEvents } from "./append";
import type { LedgerEventInput } from "./event";
import type { LedgerDb } from "../db/open";
import { ledgerEvents, type LedgerRow } from "../db/schema";
import type { LedgerAction } from "./actions";

export type TokenOrigin = "console" | "outside";

export type TokenHistory = {
  tokenId: string;
  tokenName: string | null;
  portfolioId: string | null;
  portfolioName: string | null;
  origin: TokenOrigin;
  /** When the console minted it (origin console) or first saw it (outside); ISO. */
  since: string | null;
  /** When eToro says it was created (ISO), if the ledger knows: the mint, or what the first listing said. */
  createdAt: string | null;
  /** Client address and request id of the mint (or of the read that discovered it). */
  sinceClientIp: string | null;
  sinceRequestId: string | null;
  /** Last settings the ledger saw. */
  scopeNames: string[];
  ipsWhitelist: string[];
  expiresAt: string | null;
  /** Every scope it held at any time, sorted. */
  scopesHeld: string[];
  /** Set once it is gone: revoked, or its portfolio deleted. */
  endedAt: string | null;
  endedBy: "token.revoke" | "portfolio.delete" | null;
  endedClientIp: string | null;
  endedRequestId: string | null;
};

const MINTING: LedgerAction[] = ["token.mint", "portfolio.create"];
const ID_CHUNK = 500;

/**
 * The history of every token this account's ledger knows, optionally of one
 * portfolio, oldest first. Only successful events count: a failed revoke ended nothing.
 */
export async function tokenHistories(db: LedgerDb, account: string, options: { portfolioId?: string } = {}): Promise<TokenHistory[]> {
  const inPortfolio = options.portfolioId ? eq(ledgerEvents.portfolioId, options.portfolioId) : undefined;
  const rows = await db
    .select()
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.account, account),
        inArray(ledgerEvents.outcome, ["ok", "partial"]),
        or(isNotNull(ledgerEvents.tokenId), eq(ledgerEvents.action, "portfolio.delete")),
        inPortfolio,
      ),
    )
    .orderBy(asc(ledgerEvents.seq));

  const byId = new Map<string, TokenHistory>();
  for (const row of rows) {
    if (row.action === "portfolio.delete") {
      for (const history of byId.values()) {
        if (history.portfolioId === row.portfolioId && !history.endedAt) end(history, row);
      }
      continue;
    }
    const tokenId = row.tokenId!;
    let history = byId.get(tokenId);
    if (!history) {
      history = blank(tokenId);
      byId.set(tokenId, history);
    }
    apply(history, row);
  }
  return [...byId.values()];
}

function blank(tokenId: string): TokenHistory {
  return {
    tokenId,
    tokenName: null,
    portfolioId: null,
    portfolioName: null,
    origin: "outside",
    since: null,
    createdAt: null,
    sinceClientIp: null,
    sinceRequestId: null,
    scopeNames: [],
    ipsWhitelist: [],
    expiresAt: null,
    scopesHeld: [],
    endedAt: null,
    endedBy: null,
    endedClientIp: null,
    endedRequestId: null,
  };
}

function apply(history: TokenHistory, row: LedgerRow): void {
  history.tokenName = row.tokenName ?? history.tokenName;
  history.portfolioId = row.portfolioId ?? history.portfolioId;
  history.portfolioName = row.portfolioName ?? history.portfolioName;
  if (MINTING.includes(row.action) || (row.action === "token.discovered" && !history.since)) {
    history.origin = MINTING.includes(row.action) ? "console" : "outside";
    history.since = row.at.toISOString();
    const listed = row.action === "token.discovered" ? row.after?.createdAt : undefined;
    history.createdAt = typeof listed === "string" ? listed : MINTING.includes(row.action) ? history.since : history.createdAt;
    history.sinceClientIp = row.clientIp;
    history.sinceRequestId = row.requestId;
  }
  const settings = row.after ?? (row.action === "token.revoke" ? row.before : null);
  if (settings) {
    if (Array.isArray(settings.scopeNames)) history.scopeNames = settings.scopeNames.filter((s): s is string => typeof s === "string");
    if (Array.isArray(settings.ipsWhitelist)) history.ipsWhitelist = settings.ipsWhitelist.filter((s): s is string => typeof s === "string");
    if (settings.expiresAt !== undefined) history.expiresAt = settings.expiresAt ?? null;
    history.scopesHeld = [...new Set([...history.scopesHeld, ...history.scopeNames])].sort();
  }
  if (row.action === "token.revoke") end(history, row);
}

function end(history: TokenHistory, row: LedgerRow): void {
  history.endedAt = row.at.toISOString();
  history.endedBy = row.action === "portfolio.delete" ? "portfolio.delete" : "token.revoke";
  history.endedClientIp = row.clientIp;
  history.endedRequestId = row.requestId;
}

/** Of `tokenIds`, those this account minted here, and those already recorded as discovered. */
export async function tokenOrigins(
  db: LedgerDb,
  account: string,
  tokenIds: string[],
): Promise<{ minted: Set<string>; discovered: Set<string> }> {
  const minted = new Set<string>();
  const discovered = new Set<string>();
  const ids = [...new Set(tokenIds)];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db
      .selectDistinct({ tokenId: ledgerEvents.tokenId, action: ledgerEvents.action })
      .from(ledgerEvents)
      .where(
        and(
          eq(ledgerEvents.account, account),
          inArray(ledgerEvents.tokenId, ids.slice(i, i + ID_CHUNK)),
          inArray(ledgerEvents.action, [...MINTING, "token.discovered"]),
          inArray(ledgerEvents.outcome, ["ok", "partial"]),
        ),
      );
    for (const row of rows) (row.action === "token.discovered" ? discovered : minted).add(row.tokenId!);
  }
  return { minted, discovered };
}

/**
 * Records each event's token as discovered unless it already is. The check runs again
 * under the append lock, so two instances reading the same list at once write it once.
 */
export async function recordDiscovered(db: LedgerDb, events: LedgerEventInput[]): Promise<number> {
  const inserted = await appendEvents(db, events, async (tx, pending) => {
    const byAccount = new Map<string, LedgerEventInput[]>();
    for (const e of pending) byAccount.set(e.account, [...(byAccount.get(e.account) ?? []), e]);
    const kept: LedgerEventInput[] = [];
    for (const [account, list] of byAccount) {
      const { minted, discovered } = await tokenOrigins(tx, account, list.map((e) => e.tokenId!));
      const seen = new Set<string>();
      for (const e of list) {
        if (minted.has(e.tokenId!) || discovered.has(e.tokenId!) || seen.has(e.tokenId!)) continue;
        seen.add(e.tokenId!);
        kept.push(e);
      }
    }
    return kept;
  });
  return inserted.length;
}
