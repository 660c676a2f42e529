import type { NextRequest } from "next/server";
import { accountView } from "@/lib/bff/read-models/account-view";
import type { ResponseOf } from "@/lib/bff/contract";
import { expirySummary } from "@/lib/bff/read-models/portfolio-page";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

/** What the expiry banner shows: counts, and the first items of each kind, from the cached account view. */
export const GET = route(async (req: NextRequest) => {
  const view = await accountView(req, (await requireSession()).credentials);
  return json<ResponseOf<"GET /api/portfolios/expiry">>(expirySummary(view), { requestId: view.requestId });
});
