import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import type { SessionView } from "@/lib/domain/types";
import { ApiError } from "@/lib/bff/api-error";
import { audit } from "@/lib/bff/audit";
import { clientIp } from "@/lib/bff/client-ip";
import { assertLoginAllowed } from "@/lib/bff/login-throttle";
import { readJson } from "@/lib/bff/read-json";
import { json, noContent } from "@/lib/bff/respond";
import { route } from "@/lib/bff/route";
import { EtoroError } from "@/lib/etoro/errors";
import { verifyCredentials } from "@/lib/etoro/agent-portfolios";
import { signInSchema } from "@/lib/schemas/session";
import { SESSION_TTL_SECONDS, accountFingerprint, accountLabel, getSession, getSignedIn } from "@/lib/session";
import { endOneSession, startSession } from "@/lib/sessions/lifecycle";
import { forgetSessions } from "@/lib/sessions/registry";

export const dynamic = "force-dynamic";

/** Sign in: the key is checked with eToro before any cookie is set. */
export const POST = route(
  async (req: NextRequest) => {
    const input = await readJson(req, signInSchema);
    await assertLoginAllowed(clientIp(req));
    const config = getConfig();
    const apiKey = config.apiKey ?? input.apiKey;
    if (!apiKey) {
      throw new ApiError(400, "ValidationFailed", "Enter the API key.", { fields: { apiKey: "Enter the API key." } });
    }
    const credentials = { apiKey, userKey: input.userKey };
    try {
      await verifyCredentials(credentials);
    } catch (e) {
      if (e instanceof EtoroError) {
        await audit(req, credentials, { action: "session.login_failed", outcome: "error", errorCode: e.errorCode, requestId: e.requestId });
      }
      if (e instanceof EtoroError && e.status === 401) {
        const message = config.apiKey
          ? "eToro did not accept this user key. Check it and try again."
          : "eToro did not accept this API key and user key pair. Check both and try again.";
        throw new ApiError(401, "InvalidCredentials", message, { requestId: e.requestId, fields: { userKey: message } });
      }
      throw e;
    }
    const sessionId = await startSession(req, accountFingerprint(credentials));
    const session = await getSession();
    session.userKey = input.userKey;
    session.apiKey = config.apiKey ? undefined : apiKey;
    session.signedInAt = Date.now();
    session.sessionId = sessionId;
    delete session.listChangedAt;
    await session.save();
    await audit(req, credentials, { action: "session.login" });
    return noContent();
  },
  { mutation: true },
);

export const GET = route(async () => {
  const config = getConfig();
  const signedIn = await getSignedIn();
  const view: SessionView = signedIn
    ? {
        signedIn: true,
        sandboxMode: config.sandboxMode,
        account: signedIn.account,
        accountLabel: accountLabel(signedIn.account),
        expiresAt: new Date(signedIn.signedInAt + SESSION_TTL_SECONDS * 1000).toISOString(),
      }
    : { signedIn: false, sandboxMode: config.sandboxMode };
  return json(view);
});

export const DELETE = route(
  async (req: NextRequest) => {
    const signedIn = await getSignedIn();
    const session = await getSession();
    session.destroy();
    if (signedIn) {
      await endSignedOutSession(signedIn.account, signedIn.sessionId);
      await audit(req, signedIn.credentials, { action: "session.logout" });
    }
    return noContent();
  },
  { mutation: true },
);

/** Sign-out ends the server-side session too, so a copy of the cookie stops working. */
async function endSignedOutSession(account: string, sessionId: string): Promise<void> {
  try {
    await endOneSession(account, sessionId);
  } catch (e) {
    // The database is unreachable: this instance refuses the session from now on, and the cookie is gone.
    console.error(`[sessions] could not record a sign-out: ${e instanceof Error ? e.name : typeof e}`);
    forgetSessions([sessionId], account);
  }
}
