import { ApiError } from "@/lib/bff/http/api-error";
import { answerJobAction } from "@/lib/bff/guards/job-action";
import { route } from "@/lib/bff/http/route";
import { cancelJob } from "@/lib/jobs/store";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ jobId: string }> };

/** Stops the job after the call in flight; its key is erased at once. */
export const POST = route<Ctx>(
  async (req, { params }) =>
    answerJobAction(
      req,
      (await params).jobId,
      ({ db, account, id, actor }) => cancelJob(db, account, id, actor),
      () => new ApiError(409, "JobEnded", "This job has already ended; there is nothing to cancel."),
    ),
  { mutation: true },
);
