import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { ApiError } from "@/lib/bff/http/api-error";
import { clientIp } from "@/lib/bff/http/client-ip";
import { readJson } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { accountFingerprint, listChangedAt, requireSession } from "@/lib/session";
import { getConfig } from "@/lib/config";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { startJob } from "@/lib/jobs/start";
import { listJobs } from "@/lib/jobs/store";
import { getLedgerDb } from "@/lib/db/process-db";
import { jobRequestSchema } from "@/lib/schemas/job";

export const dynamic = "force-dynamic";

/** Room for 10,000 token ids. */
const MAX_JOB_BODY_BYTES = 512 * 1024;

/** The account's recent jobs; `?active=1`: only those still queued or running. */
export const GET = route(async (req: NextRequest) => {
  const credentials = (await requireSession()).credentials;
  const active = req.nextUrl.searchParams.get("active") === "1";
  return json<ResponseOf<"GET /api/jobs">>({ jobs: await listJobs(await getLedgerDb(), accountFingerprint(credentials), { active }) });
});

/** Plans (dryRun) or starts a bulk job: 200 {plan} · 201 {plan, job}. */
export const POST = route(
  async (req: NextRequest) => {
    const { credentials, sessionId } = await requireSession();
    const request = await readJson(req, jobRequestSchema, { maxBytes: MAX_JOB_BODY_BYTES });
    const listed = await listPortfolios(credentials, { changedAfter: await listChangedAt() });
    const { plan, job } = await startJob({
      db: await getLedgerDb(),
      account: accountFingerprint(credentials),
      credentials,
      portfolios: listed.portfolios,
      request,
      intervalMs: getConfig().jobs.callIntervalMs,
      secret: getConfig().sessionSecret,
      clientIp: clientIp(req),
      sessionId,
    });
    if (request.dryRun) return json<ResponseOf<"POST /api/jobs">>({ plan });
    if (!job) throw new ApiError(400, "NothingToDo", "None of the selected items needs this change, so no job was started.", {});
    return json<ResponseOf<"POST /api/jobs">>({ plan, job }, { status: 201 });
  },
  { mutation: true },
);
