import type { NextRequest } from "next/server";
import { accountView } from "@/lib/bff/account-view";
import type { ResponseOf } from "@/lib/bff/contract";
import { expirySummary } from "@/lib/bff/portfolio-page";
import { json } from "@/lib/bff/respond";
import { requireSession } from "@/lib/session";
import { route } from "@/lib/bff/route";

export const dynamic = "force-dynamic";

/** What the expiry banner shows: counts, and the first items of each kind, from the cached account view. */
export const GET = route(async (req: NextRequest) => {
  const view = await accountView(req, (await requireSession()).credentials);
  return json<ResponseOf<"GET /api/portfolios/expiry">>(expirySummary(view), { requestId: view.requestId });
});
