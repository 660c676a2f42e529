import { NextResponse, type NextRequest } from "next/server";
import { getConfig, isProductionServer } from "@/lib/config";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";
import { SESSION_COOKIE, screenSessionCookies } from "@/lib/session-cookie";

/**
 * In front of every page and /api route:
 * - a session cookie that does not unseal is removed from the request (the app sees
 *   no session: 401 on /api, sign-in page for pages) and cleared in the browser, so a
 *   mangled cookie can never lock a person out;
 * - pages get a Content-Security-Policy with a fresh nonce, which Next puts on its
 *   own scripts (it reads the nonce from the request's CSP header).
 */
export async function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  const screened = await screenSessionCookies(req.headers.get("cookie"), sessionSecret());
  if (screened.cookieHeader !== null) {
    if (screened.cookieHeader) headers.set("cookie", screened.cookieHeader);
    else headers.delete("cookie");
  }
  const isPage = !req.nextUrl.pathname.startsWith("/api/");
  let csp: string | null = null;
  if (isPage) {
    const nonce = newNonce();
    csp = contentSecurityPolicy(nonce, !isProductionServer());
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
  }
  const changed = screened.cookieHeader !== null || isPage;
  const res = changed ? NextResponse.next({ request: { headers } }) : NextResponse.next();
  if (csp) res.headers.set("Content-Security-Policy", csp);
  if (screened.clear) res.cookies.set(SESSION_COOKIE, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax" });
  return res;
}

/**
 * The secret cookies are sealed with; "" when the configuration is broken, which
 * leaves cookies as they are so the route handlers can answer ServerMisconfigured
 * in JSON instead of the proxy failing every request.
 */
function sessionSecret(): string {
  try {
    return getConfig().sessionSecret;
  } catch {
    return "";
  }
}

export const config = {
  matcher: [
    // Pages (static files need neither: they carry no session and run no inline script).
    "/((?!api/|_next/static|_next/image|favicon.ico|icon|manifest).*)",
    // /api only when the Cookie header names a session cookie (even an empty one): the others have nothing to screen.
    { source: "/api/:path*", has: [{ type: "header", key: "cookie", value: ".*apc_session.*" }] },
  ],
};
