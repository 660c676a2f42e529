import { NextResponse, type NextRequest } from "next/server";
import { getConfig, isProductionServer } from "@/lib/config";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";
import { clearSessionCookie, screenSessionCookies } from "@/lib/session/cookie";

/**
 * In front of every page (not /api: route() in lib/bff/http/route.ts screens the session
 * cookie there, at a fraction of a proxy's cost per request):
 * - a session cookie that does not unseal is removed from the request (the page sees
 *   no session: the sign-in page) and cleared in the browser, so a mangled cookie can
 *   never lock a person out;
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
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, !isProductionServer());
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  if (screened.clear) clearSessionCookie(res.cookies);
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
  // Pages only (static files need neither: they carry no session and run no inline script).
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon|manifest).*)"],
};
