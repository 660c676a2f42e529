import type { NextRequest } from "next/server";
import { listApprovals } from "@/lib/approvals/queries";
import type { ResponseOf } from "@/lib/bff/contract";
import { validationError } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { getLedgerDb } from "@/lib/db/process-db";
import { approvalListQuerySchema } from "@/lib/schemas/approval";
import { accountLabel, requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

/** The account's approvals: `?status=pending` (the badge), `decided`, or `all` (the page). Never another account's. */
export const GET = route(async (req: NextRequest) => {
  const { account } = await requireSession();
  const query = approvalListQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw validationError(query.error);
  return json<ResponseOf<"GET /api/approvals">>(await listApprovals(await getLedgerDb(), account, { filter: query.data.status, labelOf: accountLabel }));
});
