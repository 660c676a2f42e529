import type { NextRequest } from "next/server";
import { accountView } from "@/lib/bff/read-models/account-view";
import type { ResponseOf } from "@/lib/bff/contract";
import { portfolioPage, portfolioPageQuery } from "@/lib/bff/read-models/portfolio-page";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

/** One page of /portfolios, searched and paged here from the cached account view: `?q=&offset=&limit=`. */
export const GET = route(async (req: NextRequest) => {
  const credentials = (await requireSession()).credentials;
  const query = portfolioPageQuery(req);
  const view = await accountView(req, credentials);
  return json<ResponseOf<"GET /api/portfolios/page">>(portfolioPage(view, query), { requestId: view.requestId });
});
