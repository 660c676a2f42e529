import type { NextRequest } from "next/server";
import { accountView } from "@/lib/bff/read-models/account-view";
import type { ResponseOf } from "@/lib/bff/contract";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { tokenPage } from "@/lib/bff/read-models/token-rows";
import { requireSession } from "@/lib/session";
import { parseTokenQuery } from "@/lib/schemas/token-query";

export const dynamic = "force-dynamic";

/**
 * The /tokens table, searched, filtered, sorted and cut to a window here, from the
 * same cached account view GET /api/portfolios sends: the browser gets the rows it
 * shows, how many match and how many there are. A bad parameter is a 400 naming it.
 */
export const GET = route(async (req: NextRequest) => {
  const credentials = (await requireSession()).credentials;
  const query = parseTokenQuery(req.nextUrl.searchParams);
  const view = await accountView(req, credentials);
  return json<ResponseOf<"GET /api/tokens">>(tokenPage(view, query), { requestId: view.requestId });
});
