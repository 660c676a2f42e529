/**
 * Reading the session cookie without ever throwing, and dropping one that is no
 * good, for the session module and proxy.ts. Plain functions (no next/headers), so
 * the proxy and unit tests can use them.
 */
import { unsealData } from "iron-session";

export const SESSION_COOKIE = "apc_session";
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The session fields this module needs to judge a cookie; current.ts has the full type. */
type Sealed = { userKey?: unknown };

/**
 * What a session cookie's value holds, or null when it does not unseal to a
 * session: tampered, foreign, expired, quoted, truncated, another version.
 * iron-session throws on some of those shapes ("Wrong mac prefix", "Invalid
 * expiration") and returns {} on others; both mean "no session" here.
 */
export async function unsealSession<T extends Sealed>(seal: string, password: string): Promise<T | null> {
  try {
    const data = await unsealData<T>(seal, { password, ttl: SESSION_TTL_SECONDS });
    return data && typeof data === "object" && typeof data.userKey === "string" ? data : null;
  } catch {
    return null;
  }
}

/**
 * Seals this process unsealed lately, with what they hold, so the proxy and every
 * session read of a request do not decrypt the same cookie again (a list read
 * consults the session twice, and the proxy once before). Only good seals are
 * kept, for RECHECK_MS, at most MAX_REMEMBERED of them: the credentials in them
 * are in this process's memory for a request anyway, and leave it within a minute.
 */
const RECHECK_MS = 60_000;
const MAX_REMEMBERED = 5_000;
const goodSeals = new Map<string, { at: number; data: Sealed }>();

/** What `seal` unseals to (see unsealSession), remembered for a minute. */
export async function unsealRemembered<T extends Sealed>(seal: string, password: string, now = Date.now()): Promise<T | null> {
  const seen = goodSeals.get(seal);
  if (seen !== undefined && now - seen.at < RECHECK_MS) return seen.data as T;
  const data = await unsealSession<T>(seal, password);
  goodSeals.delete(seal);
  if (data) {
    goodSeals.set(seal, { at: now, data });
    if (goodSeals.size > MAX_REMEMBERED) goodSeals.delete(goodSeals.keys().next().value!);
  }
  return data;
}

/** True when `seal` unseals to a session; remembered for a minute. */
export async function isGoodSeal(seal: string, password: string, now = Date.now()): Promise<boolean> {
  return (await unsealRemembered(seal, password, now)) !== null;
}

export type ScreenedCookies = {
  /** The Cookie header to pass on, or null when it needs no change. */
  cookieHeader: string | null;
  /** True when the browser holds no usable session cookie and should drop the one it sent. */
  clear: boolean;
  /** The value of the session cookie that unseals, if any: the request's session. */
  seal: string | null;
};

/**
 * Keeps at most one session cookie in a Cookie header: the first that unseals. Every
 * other apc_session (bad, quoted, duplicated) is removed so nothing behind the proxy
 * ever sees it; when none unseals the browser is told to clear its cookie.
 */
export async function screenSessionCookies(header: string | null, password: string): Promise<ScreenedCookies> {
  if (!password || !header || !header.includes(SESSION_COOKIE)) return { cookieHeader: null, clear: false, seal: null };
  const parts = header.split(";").map((p) => p.trim()).filter(Boolean);
  const isSession = (p: string) => (p.includes("=") ? p.slice(0, p.indexOf("=")) : p).trim() === SESSION_COOKIE;
  const sessions = parts.filter(isSession);
  if (sessions.length === 0) return { cookieHeader: null, clear: false, seal: null };
  let kept: string | null = null;
  let seal: string | null = null;
  for (const part of sessions) {
    const value = part.slice(part.indexOf("=") + 1);
    if (await isGoodSeal(value, password)) {
      kept = part;
      seal = value;
      break;
    }
  }
  if (kept && sessions.length === 1) return { cookieHeader: null, clear: false, seal };
  const others = parts.filter((p) => !isSession(p));
  return { cookieHeader: [...others, ...(kept ? [kept] : [])].join("; "), clear: !kept, seal };
}

/** Where a cookie can be set: a response's cookies (the proxy) or the request's cookie store (route handlers). */
type CookieJar = { set(name: string, value: string, options: { path: string; maxAge: number; httpOnly: boolean; sameSite: "lax" }): unknown };

/**
 * Tells the browser to drop its session cookie: one that does not unseal is no
 * session (it is ignored) and is cleared, so a mangled cookie never locks a person out.
 */
export function clearSessionCookie(jar: CookieJar): void {
  jar.set(SESSION_COOKIE, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax" });
}
