/**
 * Whether a token change grants more than the token has now: a scope it lacks, an IP
 * outside its whitelist (or dropping the whitelist, which allows every IP), or a later
 * expiry. Such a change is a grant and must be recorded before it happens; anything
 * else only narrows. An unknown current state counts as widening.
 */
export function widensAccess(
  current: { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null } | undefined,
  change: { scopeNames?: string[]; ipsWhitelist?: string[]; expiresAt?: string },
): boolean {
  if (!current) return true;
  if (change.scopeNames?.some((s) => !current.scopeNames.includes(s))) return true;
  if (change.ipsWhitelist !== undefined && current.ipsWhitelist.length > 0) {
    // An empty whitelist means "any IP".
    if (change.ipsWhitelist.length === 0 || change.ipsWhitelist.some((ip) => !current.ipsWhitelist.includes(ip))) return true;
  }
  if (change.expiresAt !== undefined && current.expiresAt !== null && Date.parse(change.expiresAt) > Date.parse(current.expiresAt)) return true;
  return false;
}
