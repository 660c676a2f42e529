/**
 * What a webhook URL may point at. Only http(s), no user:password in it, and,
 * unless WEBHOOK_ALLOW_PRIVATE_URLS, only public unicast addresses: a person may
 * not make the console knock on its own loopback, the cloud metadata address
 * (169.254.169.254) or the private network it sits in. The address check runs
 * on what DNS answers at connect time (send.ts pins the connection to the
 * address checked), so a name that resolves to a private address later is
 * still refused.
 */
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { webhookUrlProblem } from "@/lib/schemas/webhook";

export class WebhookUrlError extends Error {
  override name = "WebhookUrlError";
}

/** The URL parsed, or a WebhookUrlError in words a person can act on. */
export function parseWebhookUrl(raw: string): URL {
  const problem = webhookUrlProblem(raw);
  if (problem) throw new WebhookUrlError(problem);
  return new URL(raw);
}

/** The host as an address when it is one (brackets of an IPv6 literal removed), else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(bare) ? bare : null;
}

/** True when an address is public unicast; IPv4-mapped IPv6 is judged as the IPv4 it carries. */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  return parsed.range() === "unicast";
}

export function assertAllowedAddress(address: string, allowPrivate: boolean): void {
  if (!allowPrivate && !isPublicAddress(address)) {
    throw new WebhookUrlError("This URL points at a private, loopback or reserved address, which this console does not send webhooks to.");
  }
}

/**
 * Said when the endpoint is added, so a person hears it at once rather than from
 * a failed delivery: the host must resolve, and to allowed addresses only. Each
 * delivery checks again (send.ts).
 */
export async function assertDeliverableHost(url: URL, allowPrivate: boolean): Promise<void> {
  const literal = literalAddress(url.hostname);
  if (literal) return assertAllowedAddress(literal, allowPrivate);
  let addresses: { address: string }[];
  try {
    addresses = await lookup(url.hostname, { all: true });
  } catch {
    throw new WebhookUrlError("The console cannot find this host name: check the URL.");
  }
  for (const a of addresses) assertAllowedAddress(a.address, allowPrivate);
}

/** What pages show of a URL: its origin and the last 4 characters of the rest (a Slack URL's path is its secret). */
export function urlHint(url: URL): string {
  const rest = `${url.pathname}${url.search}`.replace(/^\/$/, "");
  if (rest.length === 0) return url.origin;
  return rest.length <= 4 ? `${url.origin}${rest}` : `${url.origin}/…${rest.slice(-4)}`;
}
