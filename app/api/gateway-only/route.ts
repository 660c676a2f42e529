import type { ResponseOf } from "@/lib/bff/contract";
import { gatewayOnlyAvailability } from "@/lib/bff/guards/gateway-registration";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

/** Whether "Only through the console gateway" can be offered, so the token forms default to what the server allows. */
export const GET = route(async () => {
  await requireSession();
  return json<ResponseOf<"GET /api/gateway-only">>(await gatewayOnlyAvailability());
});
