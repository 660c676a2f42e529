import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/bff/http/client-ip";
import type { ResponseOf } from "@/lib/bff/contract";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

/** "Add my IP": the address this server sees the caller at. */
export const GET = route(async (req: NextRequest) => {
  await requireSession();
  return json<ResponseOf<"GET /api/client-ip">>({ ip: clientIp(req) });
});
