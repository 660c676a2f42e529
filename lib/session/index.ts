/**
 * Console sessions, the one door to them: who is signed in (currentSession,
 * requireSession), the sealed cookie, and starting and ending sessions in the
 * shared registry. proxy.ts alone imports ./cookie directly (it runs before any
 * route and needs no next/headers).
 */
export { SESSION_COOKIE, SESSION_TTL_SECONDS } from "./cookie";
export {
  accountFingerprint,
  accountLabel,
  clearUnusableSessionCookie,
  currentSession,
  requireSession,
  writableSession,
  type SessionData,
  type SignedIn,
} from "./current";
export { endEverySession, endOneSession, endSignedOutSession, startSession } from "./lifecycle";
export { listChangedAt, markListChanged } from "./list-changed";
export { browserLabel } from "./browser-label";
export { listActiveSessions } from "./store";
