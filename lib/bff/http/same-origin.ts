import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { ApiError } from "./api-error";

/**
 * CSRF guard for mutations: the browser must say the request comes from this
 * origin. Browsers always send Origin on POST/PATCH/DELETE; a request without
 * it or with another site's is refused. The whole origin is compared — scheme,
 * host and port — so an Origin with userinfo, a path or another scheme never
 * matches.
 */
export function assertSameOrigin(req: NextRequest): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite();

  const origin = req.headers.get("origin");
  if (!origin) {
    if (site === "same-origin") return;
    throw crossSite();
  }
  // Browsers send the serialised origin: lowercase, no userinfo, no path, no default port.
  if (origin !== ownOrigin(req)) throw crossSite();
}

/**
 * This server's origin as the browser sees it. Host and scheme come from the request
 * (Next sets X-Forwarded-Proto from the connection; server/console.ts drops a caller's
 * own unless TRUST_PROXY vouches for the proxy in front).
 */
function ownOrigin(req: NextRequest): string | null {
  const trustProxy = getConfig().trustProxy;
  const first = (name: string) => req.headers.get(name)?.split(",")[0]?.trim() || undefined;
  const host = (trustProxy ? first("x-forwarded-host") : undefined) || req.headers.get("host");
  const scheme = first("x-forwarded-proto") || req.nextUrl.protocol.replace(/:$/, "");
  if (!host || !/^https?$/i.test(scheme)) return null;
  try {
    const url = new URL(`${scheme}://${host}`);
    return url.username || url.password || url.pathname !== "/" ? null : url.origin;
  } catch {
    return null;
  }
}

const crossSite = () =>
  new ApiError(403, "CrossSiteRequest", "This request did not come from the console's own pages, so it was refused.");
