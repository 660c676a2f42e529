import type { TokenBounds } from "./risk-rule";

/** The fields of an update: each one sent replaces the token's, the others stay. */
export type BoundsChange = { scopeNames?: string[]; ipsWhitelist?: string[]; expiresAt?: string };

/** The token as it will be after the update. */
export function updatedBounds(current: TokenBounds, change: BoundsChange): TokenBounds {
  return {
    scopeNames: change.scopeNames ?? current.scopeNames,
    ipsWhitelist: change.ipsWhitelist ?? current.ipsWhitelist,
    expiresAt: change.expiresAt ?? current.expiresAt,
  };
}

/**
 * What `after` may do that `before` could not, one flag per way a token can gain:
 * the one comparison of scopes, IPs and expiry that both rules below build on.
 * An empty whitelist means "any IP"; a null expiry means "never".
 */
export type AccessGained = {
  /** A scope it lacked. */
  scope: boolean;
  /** Its IP limit lifted: every address allowed. */
  anyAddress: boolean;
  /** An address outside its whitelist. */
  newAddress: boolean;
  /** An expiry later than the one it had. */
  laterExpiry: boolean;
  /** "Never" where it had an expiry. */
  noExpiry: boolean;
};

export function accessGained(before: TokenBounds, after: TokenBounds): AccessGained {
  const limited = before.ipsWhitelist.length > 0;
  return {
    scope: after.scopeNames.some((s) => !before.scopeNames.includes(s)),
    anyAddress: limited && after.ipsWhitelist.length === 0,
    newAddress: limited && after.ipsWhitelist.some((ip) => !before.ipsWhitelist.includes(ip)),
    laterExpiry: before.expiresAt !== null && after.expiresAt !== null && Date.parse(after.expiresAt) > Date.parse(before.expiresAt),
    noExpiry: before.expiresAt !== null && after.expiresAt === null,
  };
}

/**
 * Whether an update is a grant: it gives the token anything it lacks (any flag of
 * accessGained). A grant must be recorded before it happens, so it waits for a
 * writable ledger; anything else only narrows. An unknown current state counts as a grant.
 */
export function grantsAccess(current: TokenBounds | undefined, change: BoundsChange): boolean {
  if (!current) return true;
  return Object.values(accessGained(current, updatedBounds(current, change))).some(Boolean);
}
