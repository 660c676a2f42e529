/**
 * The gateway's registry of the tokens this console minted (gateway_tokens),
 * and each instance's in-memory copy of it.
 *
 * The database side is written by the BFF: a minted secret is registered by its
 * lookup key (token-hash.ts), never stored; revoke, freeze and unfreeze mark
 * rows at once, before any eToro call. Every change takes the next value of
 * gateway_tokens_version_seq, so each instance's cache reloads just the rows
 * changed since the highest version it saw, every `pollMs` (250 ms by default):
 * a freeze through any instance reaches every other within a poll and a query.
 */
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { emitAccountEvents } from "@/lib/account-events/emit";
import type { AccountEvent } from "@/lib/account-events/types";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { LedgerDb } from "@/lib/db/open";
import { gatewayTokens, type GatewayTokenRow } from "@/lib/db/schema";
import { isUnbounded } from "@/lib/boundaries/judge";
import { NO_BOUNDARIES, tokenBoundariesSchema, type TokenBoundaries } from "@/lib/schemas/boundaries";
import type { GatewayToken } from "./handler";
import type { TokenHasher } from "./token-hash";

/** What the gateway knows about a calling token: who it is and what the console decided about it. */
export type RegisteredToken = GatewayToken & {
  account: string;
  userTokenName: string;
  gatewayOnly: boolean;
  /** The agent's own addresses, checked at the gateway; empty: any address. */
  agentIps: string[];
  frozen: boolean;
  revoked: boolean;
  /** The person's risk boundaries; null when the token has none (the gateway then skips judging). */
  boundaries: TokenBoundaries | null;
};

export type MintedToken = {
  account: string;
  agentPortfolioId: string;
  userTokenId: string;
  userTokenName: string;
  /** The secret eToro returned; only its lookup key is kept. */
  secret: string;
  gatewayOnly: boolean;
  agentIps: string[];
  /** The person's boundaries (absent: none). */
  boundaries?: TokenBoundaries;
  /** When eToro will stop it (null: never), for the token.expiring notice. */
  expiresAt?: Date | null;
};

const nextVersion = sql`nextval('gateway_tokens_version_seq')`;

export async function registerMinted(db: LedgerDb, hasher: TokenHasher, token: MintedToken): Promise<void> {
  const row = {
    userTokenId: token.userTokenId,
    lookupKey: hasher.lookupKey(token.secret),
    account: token.account,
    agentPortfolioId: token.agentPortfolioId,
    userTokenName: token.userTokenName,
    gatewayOnly: token.gatewayOnly,
    agentIps: token.agentIps,
    boundaries: token.boundaries ?? {},
    expiresAt: token.expiresAt ?? null,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(gatewayTokens)
      .values({ ...row, version: nextVersion })
      .onConflictDoUpdate({ target: gatewayTokens.userTokenId, set: { ...row, frozenAt: null, revokedAt: null, version: nextVersion } });
    await emitAccountEvents(tx, [{ account: token.account, type: "token.minted", data: eventToken(token) }]);
  });
}

/** A token's expiry changed in eToro (an edit): kept for the token.expiring notice. */
export async function noteExpiry(db: LedgerDb, tokenId: string, expiresAt: Date | null): Promise<void> {
  await db.update(gatewayTokens).set({ expiresAt }).where(inArray(gatewayTokens.userTokenId, [tokenId]));
}

function eventToken(row: { userTokenId: string; userTokenName: string; agentPortfolioId: string }) {
  return { userTokenId: row.userTokenId, userTokenName: row.userTokenName, agentPortfolioId: row.agentPortfolioId };
}

/**
 * One registry change with its account events, in one transaction: the rows
 * `becoming` selects (locked) are those the change moves into the new state,
 * each told once (token.revoked, token.frozen) even when marked twice.
 */
async function markWithEvents(
  db: LedgerDb,
  rows: SQL,
  becoming: SQL | null,
  set: PgUpdateSetSource<typeof gatewayTokens>,
  type: "token.revoked" | "token.frozen" | null,
): Promise<number> {
  return db.transaction(async (tx) => {
    const told =
      type && becoming
        ? await tx
            .select({ account: gatewayTokens.account, userTokenId: gatewayTokens.userTokenId, userTokenName: gatewayTokens.userTokenName, agentPortfolioId: gatewayTokens.agentPortfolioId })
            .from(gatewayTokens)
            .where(and(rows, becoming))
            .for("update")
        : [];
    const changed = await tx.update(gatewayTokens).set(set).where(rows).returning({ id: gatewayTokens.userTokenId });
    await emitAccountEvents(tx, told.map((t) => ({ account: t.account, type, data: eventToken(t) }) as AccountEvent));
    return changed.length;
  });
}

/** Marks tokens revoked (their calls get a 401 at the gateway); returns how many rows it changed. */
export async function markRevoked(db: LedgerDb, tokenIds: readonly string[]): Promise<number> {
  if (tokenIds.length === 0) return 0;
  return markWithEvents(
    db,
    inArray(gatewayTokens.userTokenId, [...tokenIds]),
    isNull(gatewayTokens.revokedAt),
    { revokedAt: sql`coalesce(${gatewayTokens.revokedAt}, now())`, version: nextVersion },
    "token.revoked",
  );
}

/** Marks every token of these portfolios revoked (a deleted portfolio takes its tokens with it). */
export async function markPortfoliosRevoked(db: LedgerDb, agentPortfolioIds: readonly string[]): Promise<number> {
  if (agentPortfolioIds.length === 0) return 0;
  return markWithEvents(
    db,
    inArray(gatewayTokens.agentPortfolioId, [...agentPortfolioIds]),
    isNull(gatewayTokens.revokedAt),
    { revokedAt: sql`coalesce(${gatewayTokens.revokedAt}, now())`, version: nextVersion },
    "token.revoked",
  );
}

/** Freezes (writes refused at the gateway, reads still work) or unfreezes tokens. */
export async function markFrozen(db: LedgerDb, tokenIds: readonly string[], frozen: boolean): Promise<number> {
  if (tokenIds.length === 0) return 0;
  return markWithEvents(
    db,
    inArray(gatewayTokens.userTokenId, [...tokenIds]),
    frozen ? and(isNull(gatewayTokens.frozenAt), isNull(gatewayTokens.revokedAt))! : null,
    { frozenAt: frozen ? sql`coalesce(${gatewayTokens.frozenAt}, now())` : null, version: nextVersion },
    frozen ? "token.frozen" : null,
  );
}

/** Whether a registered token is gateway-only and its agent's addresses; null when the registry does not know it. */
export async function gatewayStateOf(db: LedgerDb, userTokenId: string): Promise<{ gatewayOnly: boolean; agentIps: string[] } | null> {
  const [row] = await db
    .select({ gatewayOnly: gatewayTokens.gatewayOnly, agentIps: gatewayTokens.agentIps })
    .from(gatewayTokens)
    .where(eq(gatewayTokens.userTokenId, userTokenId));
  return row ?? null;
}

/** Makes a token gateway-only (with its agent's addresses) or an ordinary one (edit). */
export async function setGatewayOnly(db: LedgerDb, userTokenId: string, state: { gatewayOnly: boolean; agentIps: string[] }): Promise<number> {
  const changed = await db
    .update(gatewayTokens)
    .set({ gatewayOnly: state.gatewayOnly, agentIps: state.gatewayOnly ? state.agentIps : [], version: nextVersion })
    .where(eq(gatewayTokens.userTokenId, userTokenId))
    .returning({ id: gatewayTokens.userTokenId });
  return changed.length;
}

/** Boundaries a row holds that do not parse are a fault: the token is held read-only rather than let through unbounded. */
const UNREADABLE_BOUNDARIES: TokenBoundaries = { ...NO_BOUNDARIES, readOnly: true };

function boundariesOf(stored: unknown): TokenBoundaries | null {
  const parsed = tokenBoundariesSchema.safeParse(stored ?? {});
  if (!parsed.success) return UNREADABLE_BOUNDARIES;
  return isUnbounded(parsed.data) ? null : parsed.data;
}

/**
 * Replaces a token's boundaries (only a token of `account`), bumping its version so
 * every instance's cache picks the change up within a poll. Returns what they were,
 * as stored (`{}`: none), or null when the account has no such registered token.
 */
export async function setBoundaries(
  db: LedgerDb,
  account: string,
  userTokenId: string,
  boundaries: TokenBoundaries,
): Promise<{ before: Partial<TokenBoundaries>; agentPortfolioId: string; userTokenName: string; gatewayOnly: boolean } | null> {
  return db.transaction(async (tx) => {
    const mine = and(eq(gatewayTokens.userTokenId, userTokenId), eq(gatewayTokens.account, account));
    const [row] = await tx
      .select({ before: gatewayTokens.boundaries, agentPortfolioId: gatewayTokens.agentPortfolioId, userTokenName: gatewayTokens.userTokenName, gatewayOnly: gatewayTokens.gatewayOnly })
      .from(gatewayTokens)
      .where(mine)
      .for("update");
    if (!row) return null;
    await tx.update(gatewayTokens).set({ boundaries, version: nextVersion }).where(mine);
    return row;
  });
}

function toToken(row: GatewayTokenRow): RegisteredToken {
  return {
    userTokenId: row.userTokenId,
    agentPortfolioId: row.agentPortfolioId,
    account: row.account,
    userTokenName: row.userTokenName,
    gatewayOnly: row.gatewayOnly,
    agentIps: row.agentIps,
    frozen: row.frozenAt !== null,
    revoked: row.revokedAt !== null,
    boundaries: boundariesOf(row.boundaries),
  };
}

export type TokenCache = {
  /** One HMAC, then a map lookup: the token a secret belongs to, or null. */
  identify(secret: string): RegisteredToken | null;
  /** A registered token by its id (the usage writer's account of a record). */
  byId(userTokenId: string): RegisteredToken | null;
  /** Reads the rows changed since the last read (the poll does this on its own). */
  refresh(): Promise<void>;
  /** Whether the last read reached the database. */
  readonly healthy: boolean;
  readonly size: number;
  close(): void;
};

/**
 * Versions are drawn when a statement runs but become visible when it commits,
 * so a row can appear with a version just below one already seen; each poll
 * reads this far back again (idempotent: a row simply replaces itself).
 */
const REREAD_VERSIONS = 100;

/** How often every instance's cache reads the registry's changes. */
export const REGISTRY_POLL_MS = 250;

/**
 * `db` is asked on every read, so a database that is down at start (or later)
 * only makes the cache unhealthy until it is back; the poll keeps trying.
 */
export async function openTokenCache(
  db: () => Promise<LedgerDb>,
  hasher: TokenHasher,
  options: { pollMs?: number; onError?: (error: unknown) => void } = {},
): Promise<TokenCache> {
  const byLookupKey = new Map<string, RegisteredToken>();
  const byTokenId = new Map<string, RegisteredToken>();
  let seen = 0;
  let healthy = false;
  let running: Promise<void> | null = null;

  async function load(): Promise<void> {
    const rows = await (await db())
      .select()
      .from(gatewayTokens)
      .where(sql`${gatewayTokens.version} > ${seen - REREAD_VERSIONS}`)
      .orderBy(gatewayTokens.version);
    for (const row of rows) {
      const token = toToken(row);
      byLookupKey.set(row.lookupKey, token);
      byTokenId.set(row.userTokenId, token);
      if (row.version > seen) seen = row.version;
    }
    healthy = true;
  }

  function refresh(): Promise<void> {
    running ??= load()
      .catch((error: unknown) => {
        healthy = false;
        throw error;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  // Told once per outage, not four times a second.
  let reported = false;
  const poll = () =>
    refresh().then(
      () => (reported = false),
      (error: unknown) => {
        if (!reported) options.onError?.(error);
        reported = true;
      },
    );
  await poll();
  const timer = setInterval(poll, options.pollMs ?? REGISTRY_POLL_MS);
  timer.unref();

  return {
    identify: (secret) => byLookupKey.get(hasher.lookupKey(secret)) ?? null,
    byId: (userTokenId) => byTokenId.get(userTokenId) ?? null,
    refresh,
    get healthy() {
      return healthy;
    },
    get size() {
      return byLookupKey.size;
    },
    close: () => clearInterval(timer),
  };
}
