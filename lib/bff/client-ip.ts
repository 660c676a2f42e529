import type { NextRequest } from "next/server";

/**
 * The caller's address as this server sees it: the first X-Forwarded-For hop.
 * scripts/next-server.mjs drops a caller's own forwarding headers unless
 * TRUST_PROXY=1, so without a trusted proxy Next fills this from the socket and
 * nobody can claim another address. (Plain `next start` does not do that.)
 */
export function clientIp(req: NextRequest): string | null {
  const first = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (!first) return null;
  return first.startsWith("::ffff:") ? first.slice(7) : first;
}
