/**
 * What a person sends to add or change a webhook endpoint: the settings form and
 * the BFF share these. Where a URL may point (addresses) is the server's check
 * (lib/webhooks/url-guard.ts); here only its shape.
 */
import { ACCOUNT_EVENT_TYPES } from "@/lib/account-events/types";
import { WEBHOOK_FORMATS } from "@/lib/webhooks/types";
import { z } from "./zod";

export const MAX_WEBHOOK_URL_LENGTH = 2_000;

/** Why a URL cannot be a webhook's, in words; null when its shape is fine. */
export function webhookUrlProblem(raw: string): string | null {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return `Use a URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, like https://example.com/hooks/console.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an http:// or https:// URL.";
  if (url.username || url.password) return "Leave the user name and password out of the URL; webhooks are signed instead.";
  if (!url.hostname) return "The URL needs a host name.";
  return null;
}

const eventTypesSchema = z
  .array(z.enum(ACCOUNT_EVENT_TYPES, { message: "Unknown event type." }))
  .min(1, "Choose at least one event.")
  .max(ACCOUNT_EVENT_TYPES.length);

export const createWebhookSchema = z
  .object({
    url: z
      .string({ message: "Enter the URL to send events to." })
      .trim()
      .min(1, "Enter the URL to send events to.")
      .superRefine((raw, ctx) => {
        const problem = webhookUrlProblem(raw);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    format: z.enum(WEBHOOK_FORMATS, { message: "Choose Standard Webhooks or Slack." }).default("standard"),
    eventTypes: eventTypesSchema,
  })
  .strict();
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({ enabled: z.boolean().optional(), eventTypes: eventTypesSchema.optional() })
  .strict()
  .refine((v) => v.enabled !== undefined || v.eventTypes !== undefined, { message: "Send enabled or eventTypes." });
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

/** Roll secret, Send test event, Send again: an empty JSON object, like every mutation's. */
export const webhookActionSchema = z.object({}).strict();

/** A delivery's id is its webhook-id. */
export const DELIVERY_ID = /^msg_[0-9a-f]{32}$/;
