import type { ResponseOf } from "@/lib/bff/contract";
import { jobNotFound } from "@/lib/bff/guards/job-action";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { parseId } from "@/lib/bff/http/route-params";
import { getJob } from "@/lib/jobs/store";
import { getLedgerDb } from "@/lib/db/process-db";
import { accountFingerprint, requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ jobId: string }> };

/** Progress and per-item results. Another account's job is a 404, like one that never existed. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const credentials = (await requireSession()).credentials;
  const job = await getJob(await getLedgerDb(), accountFingerprint(credentials), parseId((await params).jobId, "job"));
  if (!job) throw jobNotFound();
  return json<ResponseOf<"GET /api/jobs/:jobId">>({ job });
});
