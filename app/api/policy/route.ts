import { json } from "@/lib/bff/respond";
import { requireSession } from "@/lib/session";
import { route } from "@/lib/bff/route";
import { getConfig } from "@/lib/config";
import type { AdminPolicy } from "@/lib/domain/policy";

export const dynamic = "force-dynamic";

/** The admin policy the BFF enforces, so forms offer only what it allows. */
export const GET = route(async () => {
  await requireSession();
  const body: AdminPolicy = getConfig().policy;
  return json(body);
});
