import type { ResponseOf } from "@/lib/bff/contract";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** The admin policy the BFF enforces, so forms offer only what it allows. */
export const GET = route(async () => {
  await requireSession();
  return json<ResponseOf<"GET /api/policy">>(getConfig().policy);
});
