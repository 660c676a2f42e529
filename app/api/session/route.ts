import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/bff/http/api-error";
import { audited } from "@/lib/bff/guards/audited-mutation";
import type { ResponseOf } from "@/lib/bff/contract";
import { clientIp } from "@/lib/bff/http/client-ip";
import { assertLoginAllowed } from "@/lib/bff/guards/login-throttle";
import { readJson } from "@/lib/bff/http/read-json";
import { json, noContent } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { fromEtoroError } from "@/lib/bff/http/upstream-error";
import { EtoroError } from "@/lib/etoro/errors";
import { verifyCredentials } from "@/lib/etoro/agent-portfolios";
import { signInSchema } from "@/lib/schemas/session";
import {
  SESSION_TTL_SECONDS,
  accountFingerprint,
  accountLabel,
  currentSession,
  endSignedOutSession,
  startSession,
  writableSession,
  type SignedIn,
} from "@/lib/session";
import { endJobsOfEndedSessions } from "@/lib/jobs/end-with-session";

export const dynamic = "force-dynamic";

/**
 * Sign in: the key is checked with eToro before any cookie is set. The session
 * whose cookie the new one replaces (this account's or another's) ends with it.
 */
export const POST = route(
  async (req: NextRequest) => {
    const input = await readJson(req, signInSchema);
    const replaced = await currentSession();
    const config = getConfig();
    const apiKey = config.apiKey ?? input.apiKey;
    const account = accountFingerprint({ apiKey: apiKey ?? "", userKey: input.userKey });
    await assertLoginAllowed({ clientIp: clientIp(req), account });
    if (!apiKey) {
      throw new ApiError(400, "ValidationFailed", "Enter the API key.", { fields: { apiKey: "Enter the API key." } });
    }
    const credentials = { apiKey, userKey: input.userKey };
    try {
      await audited(
        req,
        credentials,
        { action: "session.login" },
        async () => {
          const { requestId } = await verifyCredentials(credentials);
          const sessionId = await startSession(req, accountFingerprint(credentials));
          const session = await writableSession();
          session.userKey = input.userKey;
          session.apiKey = config.apiKey ? undefined : apiKey;
          session.signedInAt = Date.now();
          session.sessionId = sessionId;
          delete session.listChangedAt;
          await session.save();
          return requestId;
        },
        {
          success: (requestId) => ({ requestId }),
          // Every answer from eToro is a failed sign-in (its 401s feed the throttle).
          failure: (e) => (e instanceof EtoroError ? { action: "session.login_failed" } : null),
        },
      );
    } catch (e) {
      if (e instanceof EtoroError && e.status === 401) {
        const message = config.apiKey
          ? "eToro did not accept this user key. Check it and try again."
          : "eToro did not accept this API key and user key pair. Check both and try again.";
        throw new ApiError(401, "InvalidCredentials", message, { requestId: e.requestId, fields: { userKey: message } });
      }
      // Checking a key is a read: a timeout changed nothing, so say "try again", not "may have changed".
      if (e instanceof EtoroError) throw fromEtoroError(e, { mutation: false });
      throw e;
    }
    if (replaced) await signOut(req, replaced);
    return noContent();
  },
  { mutation: true },
);

export const GET = route(async () => {
  const config = getConfig();
  const signedIn = await currentSession();
  const view: ResponseOf<"GET /api/session"> = signedIn
    ? {
        signedIn: true,
        sandboxMode: config.sandboxMode,
        account: signedIn.account,
        accountLabel: accountLabel(signedIn.account),
        expiresAt: new Date(signedIn.signedInAt + SESSION_TTL_SECONDS * 1000).toISOString(),
      }
    : { signedIn: false, sandboxMode: config.sandboxMode };
  return json<ResponseOf<"GET /api/session">>(view);
});

export const DELETE = route(
  async (req: NextRequest) => {
    const signedIn = await currentSession();
    (await writableSession()).destroy();
    if (signedIn) await signOut(req, signedIn);
    return noContent();
  },
  { mutation: true },
);

/** Ends a session whose cookie is going away, in the registry and in its account's ledger. */
async function signOut(req: NextRequest, signedIn: SignedIn): Promise<void> {
  await endSignedOutSession(signedIn.account, signedIn.sessionId);
  await endJobsOfEndedSessions({ account: signedIn.account, sessionId: signedIn.sessionId });
  await audited(req, signedIn.credentials, { action: "session.logout", after: { endedSession: signedIn.sessionId } }, async () => undefined, {
    success: () => ({ requestId: null }),
  });
}
