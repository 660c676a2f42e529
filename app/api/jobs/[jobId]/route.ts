import { jobNotFound, parseJobId } from "@/lib/bff/job-id";
import { json } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { getJob } from "@/lib/jobs/store";
import { getLedgerDb } from "@/lib/db/process-db";
import { accountFingerprint } from "@/lib/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ jobId: string }> };

/** Progress and per-item results. Another account's job is a 404, like one that never existed. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const credentials = await requireCredentials();
  const job = await getJob(await getLedgerDb(), accountFingerprint(credentials), parseJobId((await params).jobId));
  if (!job) throw jobNotFound();
  return json({ job });
});
