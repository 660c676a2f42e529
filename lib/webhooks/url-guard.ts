/**
 * What a webhook URL may point at. Only http(s), no user:password in it, and,
 * unless WEBHOOK_ALLOW_PRIVATE_URLS, only public unicast addresses: a person may
 * not make the console knock on its own loopback, the cloud metadata address
 * (169.254.169.254) or the private network it sits in. The address check runs
 * on what DNS answers at connect time (send.ts pins the connection to the
 * address checked), so a name that resolves to a private address later is
 * still refused.
 */
import ipaddr from "ipaddr.js";

export class WebhookUrlError extends Error {
  override name = "WebhookUrlError";
}

const MAX_URL_LENGTH = 2_000;

/** The URL parsed, or a WebhookUrlError in words a person can act on. */
export function parseWebhookUrl(raw: string): URL {
  if (raw.length > MAX_URL_LENGTH) throw new WebhookUrlError(`Use a URL of at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError("Enter a full URL, like https://example.com/hooks/console.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new WebhookUrlError("Use an http:// or https:// URL.");
  if (url.username || url.password) throw new WebhookUrlError("Leave the user name and password out of the URL; webhooks are signed instead.");
  if (!url.hostname) throw new WebhookUrlError("The URL needs a host name.");
  return url;
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

/** What pages show of a URL: its origin and the last 4 characters of the rest (a Slack URL's path is its secret). */
export function urlHint(url: URL): string {
  const rest = `${url.pathname}${url.search}`.replace(/^\/$/, "");
  if (rest.length === 0) return url.origin;
  return rest.length <= 4 ? `${url.origin}${rest}` : `${url.origin}/…${rest.slice(-4)}`;
}
