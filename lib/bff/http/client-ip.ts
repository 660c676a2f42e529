import type { NextRequest } from "next/server";

/**
 * The caller's address as this server sees it: the last X-Forwarded-For hop.
 * Without TRUST_PROXY, server/console.ts drops a caller's own forwarding
 * headers and Next fills this from the socket. With TRUST_PROXY=1 the proxy in
 * front appends the address it saw, so the rightmost entry is the one it vouches
 * for (entries to its left are whatever the caller claimed). One trusted hop.
 */
export function clientIp(req: NextRequest): string | null {
  const last = req.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  if (!last) return null;
  return last.startsWith("::ffff:") ? last.slice(7) : last;
}
