import type { NextRequest } from "next/server";
import type { SessionListItem } from "@/lib/domain/types";
import type { ResponseOf } from "@/lib/bff/contract";
import { audited } from "@/lib/bff/guards/audited-mutation";
import { json, noContent } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { getLedgerDb } from "@/lib/db/process-db";
import { SESSION_TTL_SECONDS, browserLabel, endEverySession, listActiveSessions, requireSession, writableSession } from "@/lib/session";
import { endJobsOfEndedSessions } from "@/lib/jobs/end-with-session";

export const dynamic = "force-dynamic";

/** The signed-in account's open sessions (never another account's), the asking one marked. */
export const GET = route(async () => {
  const me = await requireSession();
  const since = new Date(Date.now() - SESSION_TTL_SECONDS * 1000);
  const rows = await listActiveSessions(await getLedgerDb(), me.account, since);
  const sessions: SessionListItem[] = rows.map((r) => ({
    id: r.id,
    startedAt: r.startedAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    clientIp: r.clientIp,
    browser: browserLabel(r.userAgent),
    current: r.id === me.sessionId,
  }));
  return json<ResponseOf<"GET /api/sessions">>({ sessions });
});

/** Sign out everywhere: every open session of the account ends, this one included. */
export const DELETE = route(
  async (req: NextRequest) => {
    const me = await requireSession();
    await audited(
      req,
      me.credentials,
      { action: "session.logout" },
      async () => {
        const ended = await endEverySession(me.account);
        await endJobsOfEndedSessions({ account: me.account, endedBy: { sessionId: me.sessionId, clientIp: null } });
        (await writableSession()).destroy();
        return ended;
      },
      { success: (ended) => ({ requestId: null, after: { endedSessions: ended } }) },
    );
    return noContent();
  },
  { mutation: true },
);
