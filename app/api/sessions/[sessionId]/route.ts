import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/bff/http/api-error";
import { audited } from "@/lib/bff/guards/audited-mutation";
import { noContent } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { isId } from "@/lib/schemas/id";
import { endOneSession, requireSession, writableSession } from "@/lib/session";
import { z } from "zod";
import { endJobsOfEndedSessions } from "@/lib/jobs/end-with-session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ sessionId: string }> };

const notFound = () => new ApiError(404, "NotFound", "No open session of yours has that id. It may have ended already.");

/** Ends one of the account's own sessions. Another account's id is answered like an unknown one. */
export const DELETE = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const me = await requireSession();
    const sessionId = (await params).sessionId;
    if (!isId(sessionId)) throw notFound();
    await audited(
      req,
      me.credentials,
      { action: "session.logout", after: { endedSession: sessionId } },
      async () => {
        if (!(await endOneSession(me.account, sessionId))) throw notFound();
        await endJobsOfEndedSessions({ account: me.account, sessionId });
        if (sessionId === me.sessionId) (await writableSession()).destroy();
      },
      // An unknown id changed nothing: no row.
      { success: () => ({ requestId: null }), failure: (e) => (e instanceof ApiError ? null : {}) },
    );
    return noContent();
  },
  { mutation: true },
);
