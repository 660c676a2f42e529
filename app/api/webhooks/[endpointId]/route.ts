import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { readJson } from "@/lib/bff/http/read-json";
import { json, noContent } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { accountEndpoint, endpointNotFound, webhookContext } from "@/lib/bff/guards/webhook-endpoint";
import { updateWebhookSchema } from "@/lib/schemas/webhook";
import { deleteEndpoint, toEndpointView, updateEndpoint } from "@/lib/webhooks/endpoints";
import { recordWebhookChange } from "@/lib/webhooks/ledger-events";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ endpointId: string }> };

/** Pause or resume (while paused, new events are skipped and waiting retries hold), or change the events it receives. */
export const PATCH = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const ctx = await webhookContext(req);
    const before = await accountEndpoint(ctx, (await params).endpointId);
    const change = await readJson(req, updateWebhookSchema);
    const row = await updateEndpoint(ctx.db, ctx.account, before.id, change);
    if (!row) throw endpointNotFound();
    const endpoint = toEndpointView(row);
    await recordWebhookChange("webhook.update", ctx.account, ctx.clientIp, { before: toEndpointView(before), after: endpoint });
    return json<ResponseOf<"PATCH /api/webhooks/:endpointId">>({ endpoint });
  },
  { mutation: true },
);

/** Removes the endpoint and its deliveries. */
export const DELETE = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const ctx = await webhookContext(req);
    const endpoint = await accountEndpoint(ctx, (await params).endpointId);
    if (!(await deleteEndpoint(ctx.db, ctx.account, endpoint.id))) throw endpointNotFound();
    await recordWebhookChange("webhook.delete", ctx.account, ctx.clientIp, { before: toEndpointView(endpoint) });
    return noContent();
  },
  { mutation: true },
);
