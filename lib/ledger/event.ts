/**
 * The ledger event as callers write it (`LedgerEventInput`) and as stored
 * (`LedgerEvent`), and the guard that keeps secrets out of both.
 */
import type { LedgerRow, LedgerSnapshot } from "../db/schema";
import { LEDGER_ACTIONS, LEDGER_OUTCOMES, type LedgerAction, type LedgerOutcome } from "./actions";
import { randomUUID } from "node:crypto";
import { isId } from "../schemas/id";
import type { HashedFields } from "./hash";

export type { LedgerAction, LedgerOutcome } from "./actions";
export type { LedgerSnapshot } from "../db/schema";

export type LedgerEventInput = {
  /** HMAC fingerprint of the user key (`accountFingerprint` in lib/session/) — never the key. */
  account: string;
  action: LedgerAction;
  outcome: LedgerOutcome;
  /** Upstream or BFF error code when outcome is "error" or "partial". */
  errorCode?: string | null;
  /** The upstream call's x-request-id. */
  requestId?: string | null;
  portfolioId?: string | null;
  portfolioName?: string | null;
  tokenId?: string | null;
  tokenName?: string | null;
  /** At most the LAST 4 characters of a minted secret; longer is refused. */
  secretHint?: string | null;
  /** Scopes / IPs / expiry before and after the change. */
  before?: LedgerSnapshot | null;
  after?: LedgerSnapshot | null;
  clientIp?: string | null;
  /** Defaults to a fresh UUID. */
  id?: string;
  /** Defaults to now. */
  at?: Date;
};

/** A stored event: every column, camelCased (= the Drizzle row type). */
export type LedgerEvent = LedgerRow;

export const SECRET_HINT_MAX = 4;
/** What an eToro user-token secret looks like (live and sandbox). */
export const SECRET_PATTERN = /sk_(live|sandbox)_[A-Za-z0-9]{8,}/;

/** Refused because it would store a secret. The message names the field, never the value. */
export class LedgerSecretError extends Error {
  override name = "LedgerSecretError";
}

/** Refused because it is not a well-formed event (unknown action, no account, …). */
export class LedgerValidationError extends Error {
  override name = "LedgerValidationError";
}

/**
 * Throws unless the event is well formed and secret-free: secret_hint ≤ 4 characters,
 * and no string anywhere (values and object keys, at any depth of before/after)
 * matching SECRET_PATTERN.
 */
export function assertSafeEvent(event: LedgerEventInput): void {
  if (typeof event.account !== "string" || event.account.trim() === "") {
    throw new LedgerValidationError("account is required");
  }
  if (!(LEDGER_ACTIONS as readonly string[]).includes(event.action)) {
    throw new LedgerValidationError("unknown action");
  }
  if (!(LEDGER_OUTCOMES as readonly string[]).includes(event.outcome)) {
    throw new LedgerValidationError("unknown outcome");
  }
  if (event.id !== undefined && !isId(event.id)) throw new LedgerValidationError("id must be a UUID");
  if (event.at !== undefined && (!(event.at instanceof Date) || Number.isNaN(event.at.getTime()))) {
    throw new LedgerValidationError("at must be a valid Date");
  }
  if (event.secretHint != null && [...event.secretHint].length > SECRET_HINT_MAX) {
    throw new LedgerSecretError(`secretHint is longer than ${SECRET_HINT_MAX} characters`);
  }
  for (const field in event) {
    if (!Object.hasOwn(event, field)) continue;
    const where = findSecret(event[field as keyof LedgerEventInput], field);
    if (where) throw new LedgerSecretError(`${where} looks like a token secret`);
  }
}

/**
 * The path of the first string that looks like a secret, or null. The path is
 * spelled out only on the way back from a hit: the gateway checks an event per order.
 */
function findSecret(value: unknown, path: string): string | null {
  if (typeof value === "string") return SECRET_PATTERN.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findSecret(value[i], "");
      if (hit !== null) return `${path}[${i}]${hit}`;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (SECRET_PATTERN.test(key)) return `${path} (a key)`;
      const hit = findSecret((value as Record<string, unknown>)[key], "");
      if (hit !== null) return `${path}.${key}${hit}`;
    }
  }
  return null;
}

/**
 * What jsonb will give back: JSON round-trip (drops undefined members, Dates become
 * ISO strings). Hashing this rather than the raw input keeps hash(stored) == hash(input).
 */
export function toStoredJson(snapshot: LedgerSnapshot | null | undefined): LedgerSnapshot | null {
  if (snapshot == null) return null;
  return JSON.parse(JSON.stringify(snapshot)) as LedgerSnapshot;
}

/** The hashed fields of a stored row, keyed by column name (see hash.ts). */
export function hashedFieldsOf(row: Omit<LedgerRow, "seq" | "hash">): HashedFields {
  return {
    id: row.id,
    at: row.at,
    account: row.account,
    action: row.action,
    outcome: row.outcome,
    error_code: row.errorCode,
    request_id: row.requestId,
    portfolio_id: row.portfolioId,
    portfolio_name: row.portfolioName,
    token_id: row.tokenId,
    token_name: row.tokenName,
    secret_hint: row.secretHint,
    before: row.before,
    after: row.after,
    client_ip: row.clientIp,
    prev_hash: row.prevHash,
  };
}

/** The row an event becomes, chained to `prevHash`, before its own hash is computed. */
export function toUnhashedRow(event: LedgerEventInput, prevHash: string): Omit<LedgerRow, "seq" | "hash"> {
  return {
    id: event.id ?? randomUUID(),
    at: event.at ?? new Date(),
    account: event.account,
    action: event.action,
    outcome: event.outcome,
    errorCode: event.errorCode ?? null,
    requestId: event.requestId ?? null,
    portfolioId: event.portfolioId ?? null,
    portfolioName: event.portfolioName ?? null,
    tokenId: event.tokenId ?? null,
    tokenName: event.tokenName ?? null,
    secretHint: event.secretHint ?? null,
    before: toStoredJson(event.before),
    after: toStoredJson(event.after),
    clientIp: event.clientIp ?? null,
    prevHash,
  };
}
