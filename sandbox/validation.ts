/**
 * Request validation: one parser per field of the contract's request bodies, each
 * returning the clean value or throwing the ApiError the contract documents.
 */
import ipaddr from "ipaddr.js";
import { apiErrors, MESSAGES } from "./errors";
import { isScopeName, scopeNameForId, scopeNameForV1Name, uniqueScopes, type ScopeName } from "./scopes";

export type JsonObject = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 3339 / ISO 8601 date-time; a missing offset is read as UTC. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

export const PORTFOLIO_NAME_MIN = 6;
export const PORTFOLIO_NAME_MAX = 10;
export const MIN_INVESTMENT_USD = 200;
export const TOKEN_NAME_MAX = 64;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function has(body: JsonObject, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(body, field);
}

/** A field counts as given when present and not null (null reads as "not provided"). */
export function provided(body: JsonObject, field: string): boolean {
  return has(body, field) && body[field] !== undefined && body[field] !== null;
}

export function requireObject(body: unknown): JsonObject {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw apiErrors.validation(MESSAGES.bodyNotObject);
  }
  return body as JsonObject;
}

function characters(value: string): number {
  return Array.from(value).length;
}

export function parsePortfolioName(value: unknown): string {
  if (value === undefined || value === null) throw apiErrors.validation("agentPortfolioName is required");
  if (typeof value !== "string") throw apiErrors.validation("agentPortfolioName must be a string");
  const name = value.trim();
  const length = characters(name);
  if (length < PORTFOLIO_NAME_MIN || length > PORTFOLIO_NAME_MAX) {
    throw apiErrors.validation(MESSAGES.nameLength);
  }
  return name;
}

export function parseInvestmentAmount(value: unknown): number {
  if (value === undefined || value === null) throw apiErrors.validation("investmentAmountInUsd is required");
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw apiErrors.validation("investmentAmountInUsd must be a number");
  }
  if (value < MIN_INVESTMENT_USD) throw apiErrors.validation(MESSAGES.investmentBelowMinimum);
  return value;
}

export function parseDescription(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw apiErrors.validation("agentPortfolioDescription must be a string");
  return value;
}

export function parseTokenName(value: unknown): string {
  if (value === undefined || value === null) throw apiErrors.validation("userTokenName is required");
  if (typeof value !== "string") throw apiErrors.validation("userTokenName must be a string");
  const name = value.trim();
  const length = characters(name);
  if (length < 1 || length > TOKEN_NAME_MAX) {
    throw apiErrors.validation(`userTokenName must be between 1 and ${TOKEN_NAME_MAX} characters`);
  }
  return name;
}

/** Strict dotted-quad IPv4 only; anything else (IPv6, 256.1.1.1, 1.2.3, " 1.2.3.4") is refused. */
export function parseIpsWhitelist(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw apiErrors.validation("ipsWhitelist must be an array of IPv4 addresses");
  for (const ip of value) {
    if (typeof ip !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(ip)) throw apiErrors.invalidIp();
  }
  return [...new Set(value as string[])];
}

/** A future ISO date-time, normalised to UTC (`…Z`); undefined when omitted (never expires). */
export function parseExpiresAt(value: unknown, now: Date): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw apiErrors.validation("expiresAt must be an ISO 8601 date-time string");
  const match = DATE_TIME.exec(value);
  if (!match) throw apiErrors.validation("expiresAt must be an ISO 8601 date-time string");
  const [, year, month, day, hour, minute, second = "0", offset] = match;
  const stamp = Date.parse(offset ? value : `${value}Z`);
  const calendarOk =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate() &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59;
  if (!calendarOk || Number.isNaN(stamp)) {
    throw apiErrors.validation("expiresAt must be an ISO 8601 date-time string");
  }
  if (stamp <= now.getTime()) throw apiErrors.validation("expiresAt must be in the future");
  return new Date(stamp).toISOString();
}

function stringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw apiErrors.validation(`${field} must be an array of strings`);
  }
  return value as string[];
}

/**
 * v2 `scopeNames`: required and non-empty (400 ScopeIdsRequired "ScopeNames is required"),
 * each one of the four allowed names (ScopeNameNotAllowed with the caller's status).
 */
export function parseV2ScopeNames(value: unknown, notAllowedStatus: 400 | 403): ScopeName[] {
  if (value === undefined || value === null) throw apiErrors.scopeNamesRequired();
  const names = stringArray(value, "scopeNames");
  if (names.length === 0) throw apiErrors.scopeNamesRequired();
  if (!names.every(isScopeName)) throw apiErrors.scopeNameNotAllowed(notAllowedStatus);
  return uniqueScopes(names as ScopeName[]);
}

/**
 * v1 scopes: `scopeIds` (200–203) and/or `scopeNames` (v1 or v2 names), mapped to v2
 * names. Returns undefined when neither field is present. An empty result is
 * 400 ScopeIdsRequired; an unknown id is 400 ScopeIdNotAllowed; an unknown name is
 * 400 ScopeNameNotAllowed.
 */
export function parseV1Scopes(body: JsonObject): ScopeName[] | undefined {
  const hasIds = provided(body, "scopeIds");
  const hasNames = provided(body, "scopeNames");
  if (!hasIds && !hasNames) return undefined;
  const scopes: ScopeName[] = [];
  if (hasIds) {
    const ids = body.scopeIds;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "number" || !Number.isInteger(id))) {
      throw apiErrors.validation("scopeIds must be an array of integers");
    }
    for (const id of ids as number[]) {
      const name = scopeNameForId(id);
      if (!name) throw apiErrors.scopeIdNotAllowed();
      scopes.push(name);
    }
  }
  if (hasNames) {
    for (const raw of stringArray(body.scopeNames, "scopeNames")) {
      const name = scopeNameForV1Name(raw);
      if (!name) throw apiErrors.scopeNameNotAllowed(400);
      scopes.push(name);
    }
  }
  if (scopes.length === 0) throw apiErrors.scopeIdsRequired();
  return uniqueScopes(scopes);
}
