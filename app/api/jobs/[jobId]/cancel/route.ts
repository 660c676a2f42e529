import { ApiError } from "@/lib/bff/api-error";
import { jobNotFound, parseJobId } from "@/lib/bff/job-id";
import { readJson } from "@/lib/bff/read-json";
import { json } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { cancelJob, getJob } from "@/lib/jobs/store";
import { getLedgerDb } from "@/lib/ledger/db";
import { jobActionSchema } from "@/lib/schemas/job";
import { accountFingerprint } from "@/lib/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ jobId: string }> };

/** Stops the job after the call in flight; its key is erased at once. */
export const POST = route<Ctx>(
  async (req, { params }) => {
    const credentials = await requireCredentials();
    await readJson(req, jobActionSchema);
    const db = await getLedgerDb();
    const account = accountFingerprint(credentials);
    const id = parseJobId((await params).jobId);
    const cancelled = await cancelJob(db, account, id);
    const job = await getJob(db, account, id, { items: false });
    if (!job) throw jobNotFound();
    if (!cancelled) throw new ApiError(409, "JobEnded", "This job has already ended; there is nothing to cancel.");
    return json({ job });
  },
  { mutation: true },
);
