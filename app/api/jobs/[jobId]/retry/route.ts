import { ApiError } from "@/lib/bff/http/api-error";
import { answerJobAction } from "@/lib/bff/guards/job-action";
import { route } from "@/lib/bff/http/route";
import { getConfig } from "@/lib/config";
import { sealCredentials } from "@/lib/jobs/key-custody";
import { retryFailed } from "@/lib/jobs/store";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ jobId: string }> };

/** "Retry failed": runs the failed items again with the signed-in key, sealed afresh into the job. */
export const POST = route<Ctx>(
  async (req, { params }) =>
    answerJobAction(
      req,
      (await params).jobId,
      async ({ db, account, id, credentials, actor }) => retryFailed(db, account, id, await sealCredentials(credentials, getConfig().sessionSecret), actor),
      () => new ApiError(409, "NothingToRetry", "This job has no failed items to retry, or is still running."),
    ),
  { mutation: true },
);
