import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { accountEndpoint, webhookContext } from "@/lib/bff/guards/webhook-endpoint";
import { recentDeliveries, toDeliveryView } from "@/lib/webhooks/queue";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ endpointId: string }> };

/** The endpoint's 50 most recent deliveries, newest first. */
export const GET = route<Ctx>(async (req: NextRequest, { params }) => {
  const ctx = await webhookContext(req);
  const endpoint = await accountEndpoint(ctx, (await params).endpointId);
  const deliveries = (await recentDeliveries(ctx.db, ctx.account, endpoint.id)).map(toDeliveryView);
  return json<ResponseOf<"GET /api/webhooks/:endpointId/deliveries">>({ deliveries });
});
