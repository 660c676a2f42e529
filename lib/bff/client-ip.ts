import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";

/**
 * The caller's address as this server sees it. X-Forwarded-For is believed
 * only behind a proxy the operator vouches for (TRUST_PROXY=1); otherwise anyone
 * could claim any address. Next exposes no socket address to route handlers,
 * so without a proxy the best source is the x-real-ip Next's server sets.
 */
export function clientIp(req: NextRequest): string | null {
  if (getConfig().trustProxy) {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.headers.get("x-real-ip") ?? null;
}
