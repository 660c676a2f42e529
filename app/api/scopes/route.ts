import type { ResponseOf } from "@/lib/bff/contract";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";
import { compareScopes, describeScope } from "@/lib/domain/scopes";
import { listAllowedScopes } from "@/lib/etoro/agent-portfolios";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const credentials = (await requireSession()).credentials;
  const names = await listAllowedScopes(credentials);
  return json<ResponseOf<"GET /api/scopes">>({ scopes: [...names].sort(compareScopes).map(describeScope) });
});
