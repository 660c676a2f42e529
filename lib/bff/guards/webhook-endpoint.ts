import "server-only";
/**
 * What the webhook routes share: the signed-in account's database and secret
 * box, and one of its endpoints by id (another account's answers 404, exactly
 * like one that never existed).
 */
import type { NextRequest } from "next/server";
import { getLedgerDb } from "@/lib/db/process-db";
import type { LedgerDb } from "@/lib/db/open";
import type { WebhookEndpointRow } from "@/lib/db/schema";
import { requireSession } from "@/lib/session";
import { findEndpoint } from "@/lib/webhooks/endpoints";
import { ApiError } from "../http/api-error";
import { clientIp } from "../http/client-ip";
import { parseId } from "../http/route-params";

export const endpointNotFound = () => new ApiError(404, "NotFound", "No such webhook in this account.");

export type WebhookContext = { db: LedgerDb; account: string; clientIp: string | null };

export async function webhookContext(req: NextRequest): Promise<WebhookContext> {
  const { account } = await requireSession();
  return { db: await getLedgerDb(), account, clientIp: clientIp(req) };
}

export async function accountEndpoint(ctx: WebhookContext, rawId: string): Promise<WebhookEndpointRow> {
  const endpoint = await findEndpoint(ctx.db, ctx.account, parseId(rawId, "webhook"));
  if (!endpoint) throw endpointNotFound();
  return endpoint;
}
