import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { readJson } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { accountEndpoint, webhookContext } from "@/lib/bff/guards/webhook-endpoint";
import { webhookActionSchema } from "@/lib/schemas/webhook";
import { kickWebhookWorker } from "@/lib/webhooks/process-worker";
import { queueTestEvent, toDeliveryView } from "@/lib/webhooks/queue";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ endpointId: string }> };

/** Send test event: a webhook.test delivery to this endpoint, due at once. */
export const POST = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const ctx = await webhookContext(req);
    await readJson(req, webhookActionSchema);
    const endpoint = await accountEndpoint(ctx, (await params).endpointId);
    const delivery = toDeliveryView(await queueTestEvent(ctx.db, ctx.account, endpoint.id));
    kickWebhookWorker();
    return json<ResponseOf<"POST /api/webhooks/:endpointId/test">>({ delivery }, { status: 201 });
  },
  { mutation: true },
);
