import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { ApiError } from "@/lib/bff/http/api-error";
import { readJson } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { accountEndpoint, webhookContext } from "@/lib/bff/guards/webhook-endpoint";
import { DELIVERY_ID, webhookActionSchema } from "@/lib/schemas/webhook";
import { kickWebhookWorker } from "@/lib/webhooks/process-worker";
import { resendDelivery, toDeliveryView } from "@/lib/webhooks/queue";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ endpointId: string; deliveryId: string }> };

/** Send again: the same message, with the same webhook-id, goes out at once with a fresh set of attempts. */
export const POST = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const ctx = await webhookContext(req);
    await readJson(req, webhookActionSchema);
    const { endpointId, deliveryId } = await params;
    const endpoint = await accountEndpoint(ctx, endpointId);
    if (!DELIVERY_ID.test(deliveryId)) throw new ApiError(400, "ValidationFailed", "That delivery id is not valid.");
    const row = await resendDelivery(ctx.db, ctx.account, endpoint.id, deliveryId);
    if (!row) throw new ApiError(404, "NotFound", "No such delivery for this webhook.");
    kickWebhookWorker();
    return json<ResponseOf<"POST /api/webhooks/:endpointId/deliveries/:deliveryId/resend">>({ delivery: toDeliveryView(row) });
  },
  { mutation: true },
);
