import { ApiError } from "@/lib/bff/api-error";
import { jobNotFound, parseJobId } from "@/lib/bff/job-id";
import { readJson } from "@/lib/bff/read-json";
import { json } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { getConfig } from "@/lib/config";
import { sealCredentials } from "@/lib/jobs/key-custody";
import { getJob, retryFailed } from "@/lib/jobs/store";
import { getLedgerDb } from "@/lib/ledger/db";
import { jobActionSchema } from "@/lib/schemas/job";
import { accountFingerprint } from "@/lib/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ jobId: string }> };

/** "Retry failed": runs the failed items again with the signed-in key, sealed afresh into the job. */
export const POST = route<Ctx>(
  async (req, { params }) => {
    const credentials = await requireCredentials();
    await readJson(req, jobActionSchema);
    const db = await getLedgerDb();
    const account = accountFingerprint(credentials);
    const id = parseJobId((await params).jobId);
    const sealed = await sealCredentials(credentials, getConfig().sessionSecret);
    const retried = await retryFailed(db, account, id, sealed);
    const job = await getJob(db, account, id, { items: false });
    if (!job) throw jobNotFound();
    if (!retried) throw new ApiError(409, "NothingToRetry", "This job has no failed items to retry, or is still running.");
    return json({ job });
  },
  { mutation: true },
);
