import "server-only";
/**
 * Reads, always scoped to one account: every query filters on `account`, so one
 * account never sees another's rows. They return DTOs, never raw rows: no `account`
 * (the caller's own fingerprint, internal), and `prevHash`/`hash` only when asked
 * (`includeHashes`, e.g. for an export someone will check against the chain).
 */
import { and, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { LedgerDb } from "../db/open";
import { ledgerEvents, type LedgerRow, type LedgerSnapshot } from "../db/schema";
import type { LedgerAction, LedgerOutcome } from "./actions";

/** Bad input to a query (cursor, date, limit). The message is safe to show. */
export class LedgerQueryError extends Error {
  override name = "LedgerQueryError";
}

/**
 * Events that put a secret in the user's hands: a mint, and a portfolio create (which
 * mints the portfolio's first token). Only successful ones carry a token id.
 */
const MINTING_ACTIONS: LedgerAction[] = ["token.mint", "portfolio.create"];
const mintedOk = and(inArray(ledgerEvents.action, MINTING_ACTIONS), eq(ledgerEvents.outcome, "ok"));

const ID_CHUNK = 500; // keeps the IN list far below Postgres' parameter limit

/**
 * tokenId → the last 4 characters of its secret, for the tokens of `tokenIds` that
 * this account minted in this console (token.mint or portfolio.create, outcome ok).
 * Tokens without a recorded hint are absent from the map.
 */
export async function secretHintsFor(db: LedgerDb, account: string, tokenIds: string[]): Promise<Map<string, string>> {
  const hints = new Map<string, string>();
  const ids = [...new Set(tokenIds)];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db
      .select({ tokenId: ledgerEvents.tokenId, secretHint: ledgerEvents.secretHint })
      .from(ledgerEvents)
      .where(
        and(
          eq(ledgerEvents.account, account),
          inArray(ledgerEvents.tokenId, ids.slice(i, i + ID_CHUNK)),
          mintedOk,
          isNotNull(ledgerEvents.secretHint),
        ),
      )
      .orderBy(ledgerEvents.seq); // later rows win, should a token id ever repeat
    for (const row of rows) if (row.tokenId && row.secretHint) hints.set(row.tokenId, row.secretHint);
  }
  return hints;
}

export type ListEventsOptions = {
  action?: LedgerAction | LedgerAction[];
  outcome?: LedgerOutcome | LedgerOutcome[];
  tokenId?: string;
  portfolioId?: string;
  /** A portfolio by id or by name (exact), as a person types it. */
  portfolio?: string;
  /** A token by id or by name (exact). */
  token?: string;
  /** Inclusive lower bound on `at` (Date or ISO string). */
  from?: Date | string;
  /** Inclusive upper bound on `at` (Date or ISO string). */
  to?: Date | string;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Default 50, at most 200. */
  limit?: number;
  /** Add prevHash and hash to each event. */
  includeHashes?: boolean;
};

export type LedgerEventDto = {
  seq: number;
  id: string;
  /** ISO-8601 UTC. */
  at: string;
  action: LedgerAction;
  outcome: LedgerOutcome;
  errorCode: string | null;
  requestId: string | null;
  portfolioId: string | null;
  portfolioName: string | null;
  tokenId: string | null;
  tokenName: string | null;
  secretHint: string | null;
  before: LedgerSnapshot | null;
  after: LedgerSnapshot | null;
  clientIp: string | null;
  prevHash?: string;
  hash?: string;
};

export type LedgerEventPage = {
  events: LedgerEventDto[];
  /** Pass as `cursor` for the next (older) page (opaque); null when this is the last page. */
  nextCursor: string | null;
};

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Newest first, keyset-paged on seq (stable while new events arrive). */
export async function listEvents(db: LedgerDb, account: string, options: ListEventsOptions = {}): Promise<LedgerEventPage> {
  return readPage(db, account, options, pageSize(options.limit));
}

/** Batch size of `eachEvent`: large enough to amortise a query, small enough to stream. */
export const EXPORT_BATCH = 1_000;

/**
 * Every event matching the filters, newest first, fetched a keyset page at a time so
 * memory stays flat however many there are (the CSV export streams from this).
 */
export async function* eachEvent(
  db: LedgerDb,
  account: string,
  options: Omit<ListEventsOptions, "limit"> = {},
): AsyncGenerator<LedgerEventDto> {
  let cursor = options.cursor ?? null;
  do {
    const page = await readPage(db, account, { ...options, cursor }, EXPORT_BATCH);
    yield* page.events;
    cursor = page.nextCursor;
  } while (cursor);
}

async function readPage(db: LedgerDb, account: string, options: ListEventsOptions, limit: number): Promise<LedgerEventPage> {
  const conditions: (SQL | undefined)[] = [eq(ledgerEvents.account, account)];

  const actions = toList(options.action);
  if (actions.length) conditions.push(inArray(ledgerEvents.action, actions));
  const outcomes = toList(options.outcome);
  if (outcomes.length) conditions.push(inArray(ledgerEvents.outcome, outcomes));
  if (options.tokenId) conditions.push(eq(ledgerEvents.tokenId, options.tokenId));
  if (options.portfolioId) conditions.push(eq(ledgerEvents.portfolioId, options.portfolioId));
  if (options.token) conditions.push(await byIdOrName(db, account, ledgerEvents.tokenId, ledgerEvents.tokenName, options.token));
  if (options.portfolio) {
    conditions.push(await byIdOrName(db, account, ledgerEvents.portfolioId, ledgerEvents.portfolioName, options.portfolio));
  }
  if (options.from !== undefined) conditions.push(gte(ledgerEvents.at, toDate(options.from, "from")));
  if (options.to !== undefined) conditions.push(lte(ledgerEvents.at, toDate(options.to, "to")));
  if (options.cursor) conditions.push(lt(ledgerEvents.seq, parseCursor(options.cursor)));

  const rows = await db
    .select()
    .from(ledgerEvents)
    .where(and(...conditions))
    .orderBy(desc(ledgerEvents.seq))
    .limit(limit + 1); // one extra row tells whether another page exists

  const page = rows.slice(0, limit);
  return {
    events: page.map((row) => toDto(row, options.includeHashes === true)),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null,
  };
}

export function toDto(row: LedgerRow, includeHashes = false): LedgerEventDto {
  const dto: LedgerEventDto = {
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    outcome: row.outcome,
    errorCode: row.errorCode,
    requestId: row.requestId,
    portfolioId: row.portfolioId,
    portfolioName: row.portfolioName,
    tokenId: row.tokenId,
    tokenName: row.tokenName,
    secretHint: row.secretHint,
    before: row.before,
    after: row.after,
    clientIp: row.clientIp,
  };
  if (includeHashes) {
    dto.prevHash = row.prevHash;
    dto.hash = row.hash;
  }
  return dto;
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new LedgerQueryError("limit must be a positive integer");
  return Math.min(limit, MAX_PAGE_SIZE);
}

/**
 * Rows about the portfolio (or token) with this id or this name. Not every row carries
 * the name (a mint right after a create may not know it yet), so the name is first
 * resolved to the ids it was ever recorded with, and rows with those ids match too.
 */
async function byIdOrName(db: LedgerDb, account: string, idColumn: AnyPgColumn, nameColumn: AnyPgColumn, value: string): Promise<SQL | undefined> {
  const named = await db
    .selectDistinct({ id: idColumn })
    .from(ledgerEvents)
    .where(and(eq(ledgerEvents.account, account), eq(nameColumn, value), isNotNull(idColumn)))
    .limit(ID_CHUNK);
  const ids = [value, ...named.map((r) => r.id as string)];
  return or(inArray(idColumn, ids), eq(nameColumn, value));
}

/**
 * Cursors are opaque to callers (base64url of a versioned seq) so the paging key can
 * change without breaking links; decoding is strict, so a forged cursor is a 400.
 */
function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, "utf8").toString("base64url");
}

function parseCursor(cursor: string): number {
  const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const match = /^v1:([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match) throw new LedgerQueryError("invalid cursor");
  return Number(match[1]);
}

function toDate(value: Date | string, name: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new LedgerQueryError(`${name} is not a valid date`);
  return date;
}

function toList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}


/**
 * Keys eToro rejected (401) from one client address since `since`: across every
 * account (a guesser tries many keys), or for one key's fingerprint (`account`).
 * How many, and when the oldest happened. Timeouts and outages are recorded too but
 * do not count.
 */
export async function failedLoginsSince(
  db: LedgerDb,
  clientIp: string,
  since: Date,
  account?: string,
): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${ledgerEvents.at})` })
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.action, "session.login_failed"),
        eq(ledgerEvents.clientIp, clientIp),
        eq(ledgerEvents.errorCode, "Unauthorized"),
        gte(ledgerEvents.at, since),
        account === undefined ? undefined : eq(ledgerEvents.account, account),
      ),
    );
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/**
 * Whether this key's fingerprint ever signed in through the console. Only someone who
 * holds the key can present that fingerprint, so the sign-in throttle lets it past
 * the limit on a crowded address (see checkLoginThrottle).
 */
export async function hasSignedIn(db: LedgerDb, account: string): Promise<boolean> {
  const [row] = await db
    .select({ seq: ledgerEvents.seq })
    .from(ledgerEvents)
    .where(and(eq(ledgerEvents.account, account), eq(ledgerEvents.action, "session.login"), eq(ledgerEvents.outcome, "ok")))
    .limit(1);
  return row !== undefined;
}
