import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { ApiError } from "@/lib/bff/http/api-error";
import { readJson } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { accountEndpoint, webhookContext } from "@/lib/bff/guards/webhook-endpoint";
import { webhookActionSchema } from "@/lib/schemas/webhook";
import { rollSecret, toEndpointView } from "@/lib/webhooks/endpoints";
import { recordWebhookChange } from "@/lib/webhooks/ledger-events";
import { serverSecretBox } from "@/lib/webhooks/server-box";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ endpointId: string }> };

/** Roll secret: a new signing secret, answered once; the old one signs nothing from now on. */
export const POST = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const ctx = await webhookContext(req);
    await readJson(req, webhookActionSchema);
    const before = await accountEndpoint(ctx, (await params).endpointId);
    const rolled = await rollSecret(ctx.db, serverSecretBox(), ctx.account, before.id);
    if (!rolled) {
      throw new ApiError(409, "WebhookUnreadable", "The console can no longer read this webhook's URL (its server key changed): delete it and add it again.");
    }
    const endpoint = toEndpointView(rolled.row);
    await recordWebhookChange("webhook.update", ctx.account, ctx.clientIp, { before: toEndpointView(before), after: endpoint, secretRolled: true });
    return json<ResponseOf<"POST /api/webhooks/:endpointId/secret">>({ endpoint, secret: rolled.secret });
  },
  { mutation: true },
);
