import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { approvalOf, decideApproval, type Decision } from "@/lib/approvals/decide";
import { expireApprovals } from "@/lib/approvals/expire";
import { toView } from "@/lib/approvals/queries";
import { getLedgerDb } from "@/lib/db/process-db";
import { accountLabel, browserLabel, requireSession } from "@/lib/session";
import type { ResponseOf } from "../contract";
import { ApiError } from "../http/api-error";
import { clientIp } from "../http/client-ip";
import { readJson } from "../http/read-json";
import { json } from "../http/respond";
import { parseId } from "../http/route-params";

const notFound = () => new ApiError(404, "NotFound", "No approval of yours has that id.");

const DECIDED_WORDS: Record<string, string> = {
  approved: "was already approved",
  denied: "was already denied",
  used: "was already approved and the agent has placed the order",
  expired: "expired before anyone decided; the agent must ask again",
};

/**
 * Approve / Deny one of the signed-in account's approvals: the decision is one
 * conditional update (lib/approvals/decide.ts), so of two racing only one wins;
 * the loser learns what happened instead. Another account's approval answers 404,
 * exactly like one that never existed.
 */
export async function answerDecision<S extends z.ZodType<{ reason?: string }>>(
  req: NextRequest,
  rawId: string,
  decision: Decision,
  schema: S,
): Promise<Response> {
  const { account, sessionId } = await requireSession();
  const body = await readJson(req, schema);
  const id = parseId(rawId, "approval");
  const db = await getLedgerDb();
  const decided = await decideApproval(db, {
    id,
    account,
    decision,
    decidedBy: account,
    decidedByLabel: accountLabel(account),
    reason: body.reason ?? null,
    sessionId,
    clientIp: clientIp(req),
    browser: browserLabel(req.headers.get("user-agent")),
  });
  if (decided) return json<ResponseOf<"POST /api/approvals/:approvalId/approve">>({ approval: toView(decided, account, accountLabel, []) });

  // Nothing decided: say why. An overdue one is expired (and recorded) now rather than at the next sweep.
  await expireApprovals(db, { account });
  const row = await approvalOf(db, account, id);
  if (!row) throw notFound();
  const words = DECIDED_WORDS[row.status] ?? `is ${row.status}`;
  throw new ApiError(409, row.status === "expired" ? "ApprovalExpired" : "AlreadyDecided", `This order ${words}. Nothing was changed.`);
}
