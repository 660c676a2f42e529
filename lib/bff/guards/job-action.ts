import "server-only";
import type { NextRequest } from "next/server";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { getJob } from "@/lib/jobs/store";
import { getLedgerDb } from "@/lib/db/process-db";
import type { LedgerDb } from "@/lib/db/open";
import { jobActionSchema } from "@/lib/schemas/job";
import type { JobActor } from "@/lib/jobs/job-events";
import { requireSession } from "@/lib/session";
import type { ResponseOf } from "../contract";
import { ApiError } from "../http/api-error";
import { clientIp } from "../http/client-ip";
import { readJson } from "../http/read-json";
import { json } from "../http/respond";
import { parseId } from "../http/route-params";

export const jobNotFound = () => new ApiError(404, "NotFound", "No such job in this account.");

type JobAction = (ctx: { db: LedgerDb; account: string; id: string; credentials: EtoroCredentials; actor: JobActor }) => Promise<boolean>;

/**
 * Cancel / Retry on one of the signed-in account's jobs: a JSON body with no fields,
 * the action (false = not possible in the job's state → `refused`), then the job.
 * Another account's job answers 404, exactly like one that never existed.
 */
export async function answerJobAction(req: NextRequest, rawId: string, act: JobAction, refused: () => ApiError): Promise<Response> {
  const { credentials, account, sessionId } = await requireSession();
  await readJson(req, jobActionSchema);
  const db = await getLedgerDb();
  const id = parseId(rawId, "job");
  const done = await act({ db, account, id, credentials, actor: { sessionId, clientIp: clientIp(req) } });
  const job = await getJob(db, account, id, { items: false });
  if (!job) throw jobNotFound();
  if (!done) throw refused();
  return json<ResponseOf<"POST /api/jobs/:jobId/cancel" | "POST /api/jobs/:jobId/retry">>({ job });
}
