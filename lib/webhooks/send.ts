/**
 * The console's door to the URLs accounts registered (not eToro: lib/etoro/ and
 * the gateway's forward.ts are those doors). One signed POST per attempt on
 * undici, and nothing else:
 * - the address is checked where the connection is made (url-guard.ts): the
 *   lookup that connects is the lookup that was checked, so DNS cannot swap a
 *   private address in between; an address literal is checked before;
 * - redirects are never followed (undici's request follows none): a 3xx is a
 *   failed attempt, so a receiver cannot bounce the console somewhere else;
 * - one time limit for the whole attempt, and at most 1 KiB of the answer is read;
 * - signed with the `standardwebhooks` library: webhook-id, webhook-timestamp,
 *   webhook-signature over exactly the bytes sent.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { Agent, request } from "undici";
import { assertAllowedAddress, literalAddress, WebhookUrlError } from "./url-guard";

export type SendOptions = { allowPrivate: boolean; timeoutMs: number };

export type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export type OutgoingMessage = {
  url: string;
  secret: string;
  /** The webhook-id: the same on every attempt of one delivery. */
  id: string;
  at: Date;
  body: string;
};

const USER_AGENT = "agent-portfolio-console-webhooks/1";
const ANSWER_READ_BYTES = 1_024;

/** dns.lookup, refusing any answer that holds an address the settings do not allow. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      try {
        for (const a of addresses) assertAllowedAddress(a.address, allowPrivate);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export function signedHeaders(message: Pick<OutgoingMessage, "secret" | "id" | "at" | "body">): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(message.at.getTime() / 1000)),
    "webhook-signature": new Webhook(message.secret).sign(message.id, message.at, message.body),
  };
}

export type WebhookSender = { send(message: OutgoingMessage): Promise<Attempt>; close(): Promise<void> };

export function createWebhookSender(options: SendOptions): WebhookSender {
  const agent = new Agent({
    connect: { lookup: guardedLookup(options.allowPrivate), timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connections: 16,
  });
  return {
    async send(message) {
      try {
        const address = literalAddress(new URL(message.url).hostname);
        if (address) assertAllowedAddress(address, options.allowPrivate);
        const answer = await request(message.url, {
          method: "POST",
          dispatcher: agent,
          headers: signedHeaders(message),
          body: message.body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        await answer.body.dump({ limit: ANSWER_READ_BYTES }).catch(() => undefined);
        if (answer.statusCode >= 200 && answer.statusCode < 300) return { ok: true, status: answer.statusCode };
        const error =
          answer.statusCode >= 300 && answer.statusCode < 400
            ? `The receiver answered with a redirect (HTTP ${answer.statusCode}), which is never followed: register the final URL.`
            : `The receiver answered HTTP ${answer.statusCode}.`;
        return { ok: false, status: answer.statusCode, error };
      } catch (error) {
        return { ok: false, status: null, error: describeFailure(error) };
      }
    },
    close: () => agent.close(),
  };
}

/** Words for a failed attempt: the kind of failure, never a message that could quote the URL. */
function describeFailure(error: unknown): string {
  if (error instanceof WebhookUrlError) return error.message;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof WebhookUrlError) return cause.message;
  const code = (error as { code?: string })?.code ?? (cause as { code?: string } | undefined)?.code;
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return "The receiver did not answer in time.";
  }
  if (code === "ECONNREFUSED") return "The receiver refused the connection (nothing listening?).";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "The receiver's host name could not be found.";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "The connection to the receiver was cut.";
  if (typeof code === "string" && /CERT|SSL|TLS/.test(code)) return "The receiver's TLS certificate was not accepted.";
  return `The delivery failed (${code ?? name ?? "unknown error"}).`;
}
