import "server-only";
import type { NextRequest } from "next/server";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { getJob } from "@/lib/jobs/store";
import { getLedgerDb } from "@/lib/ledger/db";
import type { LedgerDb } from "@/lib/ledger/open";
import { jobActionSchema } from "@/lib/schemas/job";
import type { JobActor } from "@/lib/jobs/job-events";
import { requireSession } from "@/lib/session";
import { clientIp } from "./client-ip";
import type { ApiError } from "./api-error";
import { jobNotFound, parseJobId } from "./job-id";
import { readJson } from "./read-json";
import { json } from "./respond";

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
  const id = parseJobId(rawId);
  const done = await act({ db, account, id, credentials, actor: { sessionId, clientIp: clientIp(req) } });
  const job = await getJob(db, account, id, { items: false });
  if (!job) throw jobNotFound();
  if (!done) throw refused();
  return json({ job });
}
