import "server-only";
import { createHmac } from "node:crypto";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies, headers } from "next/headers";
import { ConfigError, getConfig } from "@/lib/config";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { notSignedIn } from "@/lib/bff/http/api-error";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, clearSessionCookie, screenSessionCookies, unsealRemembered, type ScreenedCookies } from "./cookie";
import { isSessionLive } from "./registry";

/** What the encrypted, HttpOnly cookie holds. It never reaches page code. */
export type SessionData = {
  userKey?: string;
  /** Only when the server has no ETORO_API_KEY and the person supplied one. */
  apiKey?: string;
  signedInAt?: number;
  /** The server-side record of this sign-in (console_sessions.id): ending it there ends this cookie. */
  sessionId?: string;
  /**
   * When this session last changed its portfolios (ms). Any instance holding a
   * list loaded before then reloads it, so N instances behave as one.
   */
  listChangedAt?: number;
};

function sessionOptions(): SessionOptions {
  return {
    password: getConfig().sessionSecret,
    cookieName: SESSION_COOKIE,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: {
      httpOnly: true,
      sameSite: "lax",
      // Secure in production against the real API; COOKIE_SECURE=0 only for plain-http test rigs.
      secure: getConfig().cookieSecure,
      path: "/",
    },
  };
}

/**
 * The request's session cookie: the first apc_session in its Cookie header that
 * unseals. A cookie that does not unseal is no session, never a throw; pages get the
 * header screened by proxy.ts, /api requests are screened here (and cleared by route()).
 */
async function requestSeal(): Promise<string | null> {
  return (await requestSessionCookies()).seal;
}

/**
 * The request's session cookies screened (cookie.ts), once per request (keyed by
 * its headers object): route() asks whether to clear one, and a list read consults
 * the session twice more.
 */
async function requestSessionCookies(): Promise<ScreenedCookies> {
  const incoming = await headers();
  let screened = screenedByRequest.get(incoming);
  if (!screened) {
    screened = screenSessionCookies(incoming.get("cookie"), getConfig().sessionSecret);
    screenedByRequest.set(incoming, screened);
  }
  return screened;
}

const screenedByRequest = new WeakMap<object, Promise<ScreenedCookies>>();

/**
 * Clears a session cookie that does not unseal (see clearSessionCookie), for /api:
 * done in route() rather than in proxy.ts because running the proxy for /api cost
 * the routes 40% of their throughput. A handler that signs in sets the cookie again
 * after this.
 */
export async function clearUnusableSessionCookie(): Promise<void> {
  let screened: ScreenedCookies;
  try {
    screened = await requestSessionCookies();
  } catch (e) {
    if (e instanceof ConfigError) return; // a broken configuration is the handler's to answer (ServerMisconfigured), not this check's
    throw e;
  }
  if (screened.clear) clearSessionCookie(await cookies());
}

/** The session cookie to change (save, destroy); to ask who is signed in, currentSession. */
export async function writableSession() {
  const store = await cookies();
  const seal = await requestSeal();
  const view = {
    get: (name: string) => (name === SESSION_COOKIE ? (seal ? { name, value: seal } : undefined) : store.get(name)),
    set: store.set.bind(store),
  };
  return getIronSession<SessionData>(view, sessionOptions());
}

/**
 * The session's data for reading only: the cookie's remembered unseal, so a read
 * costs a map lookup. Empty when there is no good session cookie.
 */
export async function readSessionData(): Promise<SessionData> {
  const seal = await requestSeal();
  return (seal && (await unsealRemembered<SessionData>(seal, getConfig().sessionSecret))) || {};
}

export type SignedIn = { credentials: EtoroCredentials; account: string; sessionId: string; signedInAt: number };

/**
 * Who is signed in: a cookie that unseals, not expired, whose server-side session
 * has not ended; null otherwise. The one way to ask (pages and routes alike).
 */
export async function currentSession(): Promise<SignedIn | null> {
  const session = await readSessionData();
  const { userKey, signedInAt, sessionId } = session;
  if (!userKey || !signedInAt || !sessionId) return null;
  if (Date.now() - signedInAt > SESSION_TTL_SECONDS * 1000) return null;
  const apiKey = getConfig().apiKey ?? session.apiKey;
  if (!apiKey) return null;
  const credentials = { apiKey, userKey };
  const account = accountFingerprint(credentials);
  if (!(await isSessionLive(sessionId, account, SESSION_TTL_SECONDS * 1000))) return null;
  return { credentials, account, sessionId, signedInAt };
}

/** currentSession for a route that needs one: a 401 for the route to answer when nobody is signed in. */
export async function requireSession(): Promise<SignedIn> {
  const signedIn = await currentSession();
  if (!signedIn) throw notSignedIn();
  return signedIn;
}

/**
 * A stable, non-reversible id for an account: HMAC of the user key under the
 * session secret. Used for "who am I" and as the ledger's actor; never the key.
 */
export function accountFingerprint(credentials: EtoroCredentials): string {
  return createHmac("sha256", getConfig().fingerprintSecret).update(credentials.userKey).digest("hex").slice(0, 16);
}

/** What the header shows for an account: a short, stable piece of its fingerprint ("Account 3f9a·c2"). */
export function accountLabel(account: string): string {
  return `Account ${account.slice(0, 4)}·${account.slice(4, 6)}`;
}
