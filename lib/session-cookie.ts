/**
 * Reading the session cookie without ever throwing, for lib/session.ts and proxy.ts.
 * Plain functions (no next/headers), so the proxy and unit tests can use them.
 */
import { unsealData } from "iron-session";

export const SESSION_COOKIE = "apc_session";
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The session fields this module needs to judge a cookie; lib/session.ts has the full type. */
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
 * Seals this process unsealed lately, so the proxy and getSession do not decrypt the
 * same cookie again on every request (the list route reads the session more than
 * once). Only good seals are kept, for RECHECK_MS, at most MAX_REMEMBERED of them.
 */
const RECHECK_MS = 60_000;
const MAX_REMEMBERED = 5_000;
const goodSeals = new Map<string, number>();

/** True when `seal` unseals to a session; remembered for a minute. */
export async function isGoodSeal(seal: string, password: string, now = Date.now()): Promise<boolean> {
  const seen = goodSeals.get(seal);
  if (seen !== undefined && now - seen < RECHECK_MS) return true;
  const good = (await unsealSession(seal, password)) !== null;
  goodSeals.delete(seal);
  if (good) {
    goodSeals.set(seal, now);
    if (goodSeals.size > MAX_REMEMBERED) goodSeals.delete(goodSeals.keys().next().value!);
  }
  return good;
}

export type ScreenedCookies = {
  /** The Cookie header to pass on, or null when it needs no change. */
  cookieHeader: string | null;
  /** True when the browser holds no usable session cookie and should drop the one it sent. */
  clear: boolean;
};

/**
 * Keeps at most one session cookie in a Cookie header: the first that unseals. Every
 * other apc_session (bad, quoted, duplicated) is removed so nothing behind the proxy
 * ever sees it; when none unseals the browser is told to clear its cookie.
 */
export async function screenSessionCookies(header: string | null, password: string): Promise<ScreenedCookies> {
  if (!password || !header || !header.includes(SESSION_COOKIE)) return { cookieHeader: null, clear: false };
  const parts = header.split(";").map((p) => p.trim()).filter(Boolean);
  const isSession = (p: string) => (p.includes("=") ? p.slice(0, p.indexOf("=")) : p).trim() === SESSION_COOKIE;
  const sessions = parts.filter(isSession);
  if (sessions.length === 0) return { cookieHeader: null, clear: false };
  let kept: string | null = null;
  for (const part of sessions) {
    const value = part.slice(part.indexOf("=") + 1);
    if (await isGoodSeal(value, password)) {
      kept = part;
      break;
    }
  }
  if (kept && sessions.length === 1) return { cookieHeader: null, clear: false };
  const others = parts.filter((p) => !isSession(p));
  return { cookieHeader: [...others, ...(kept ? [kept] : [])].join("; "), clear: !kept };
}
