import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { ApiError } from "./api-error";

/**
 * CSRF guard for mutations: the browser must say the request comes from this
 * origin. Browsers always send Origin on POST/PATCH/DELETE; a request without
 * it or with another site's is refused.
 */
export function assertSameOrigin(req: NextRequest): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite();

  const origin = req.headers.get("origin");
  if (!origin) {
    if (site === "same-origin") return;
    throw crossSite();
  }
  const forwardedHost = getConfig().trustProxy ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  if (!host || originHost !== host) throw crossSite();
}

const crossSite = () =>
  new ApiError(403, "CrossSiteRequest", "This request did not come from the console's own pages, so it was refused.");
