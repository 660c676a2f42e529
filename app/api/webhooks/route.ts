import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { ApiError } from "@/lib/bff/http/api-error";
import { readJson } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { webhookContext } from "@/lib/bff/guards/webhook-endpoint";
import { getConfig } from "@/lib/config";
import { createWebhookSchema } from "@/lib/schemas/webhook";
import { createEndpoint, listEndpoints, MAX_ENDPOINTS_PER_ACCOUNT, toEndpointView } from "@/lib/webhooks/endpoints";
import { recordWebhookChange } from "@/lib/webhooks/ledger-events";
import { serverSecretBox } from "@/lib/webhooks/server-box";
import { assertDeliverableHost, parseWebhookUrl, WebhookUrlError } from "@/lib/webhooks/url-guard";

export const dynamic = "force-dynamic";

/** The account's webhook endpoints: never a URL in full, never a secret. */
export const GET = route(async (req: NextRequest) => {
  const { db, account } = await webhookContext(req);
  return json<ResponseOf<"GET /api/webhooks">>({ endpoints: (await listEndpoints(db, account)).map(toEndpointView) });
});

/** Adds an endpoint: 201 with its signing secret, the only answer that ever carries it. */
export const POST = route(
  async (req: NextRequest) => {
    const ctx = await webhookContext(req);
    const input = await readJson(req, createWebhookSchema);
    try {
      await assertDeliverableHost(parseWebhookUrl(input.url), getConfig().webhooks.allowPrivateUrls);
    } catch (e) {
      if (e instanceof WebhookUrlError) throw new ApiError(400, "ValidationFailed", e.message, { fields: { url: e.message } });
      throw e;
    }
    if ((await listEndpoints(ctx.db, ctx.account)).length >= MAX_ENDPOINTS_PER_ACCOUNT) {
      throw new ApiError(409, "TooManyWebhooks", `An account may have at most ${MAX_ENDPOINTS_PER_ACCOUNT} webhooks: delete one first.`);
    }
    const { row, secret } = await createEndpoint(ctx.db, serverSecretBox(), { account: ctx.account, ...input });
    const endpoint = toEndpointView(row);
    await recordWebhookChange("webhook.create", ctx.account, ctx.clientIp, { after: endpoint });
    return json<ResponseOf<"POST /api/webhooks">>({ endpoint, secret }, { status: 201 });
  },
  { mutation: true },
);
