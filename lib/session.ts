import "server-only";
import { createHmac } from "node:crypto";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import type { EtoroCredentials } from "@/lib/etoro/http";

/** What the encrypted, HttpOnly cookie holds. It never reaches page code. */
export type SessionData = {
  userKey?: string;
  /** Only when the server has no ETORO_API_KEY and the person supplied one. */
  apiKey?: string;
  signedInAt?: number;
  /**
   * When this session last changed its portfolios (ms). Any instance holding a
   * list loaded before then reloads it, so N instances behave as one.
   */
  listChangedAt?: number;
};

export const SESSION_TTL_SECONDS = 8 * 60 * 60;
export const SESSION_COOKIE = "apc_session";

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

export async function getSession() {
  // A tampered, foreign or expired cookie unseals to an empty session: never a throw.
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}

/** The credentials of the signed-in person, or null. */
export async function getCredentials(): Promise<EtoroCredentials | null> {
  const session = await getSession();
  if (!session.userKey || !session.signedInAt) return null;
  if (Date.now() - session.signedInAt > SESSION_TTL_SECONDS * 1000) return null;
  const apiKey = getConfig().apiKey ?? session.apiKey;
  if (!apiKey) return null;
  return { apiKey, userKey: session.userKey };
}

/**
 * A stable, non-reversible id for an account: HMAC of the user key under the
 * session secret. Used for "who am I" and as the ledger's actor; never the key.
 */
export function accountFingerprint(credentials: EtoroCredentials): string {
  return createHmac("sha256", getConfig().fingerprintSecret).update(credentials.userKey).digest("hex").slice(0, 16);
}
