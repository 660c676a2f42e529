/**
 * The sender's own rules, against servers started here: a redirect is a failed
 * attempt and is never followed; a receiver that does not answer in time fails
 * the attempt at the time limit; the headers are Standard Webhooks' and verify.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, expect, it } from "vitest";
import { newSigningSecret } from "./secret-box";
import { createWebhookSender, signedHeaders } from "./send";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()).closeAllConnections());
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    handler!(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const message = (url: string) => ({ url, secret: newSigningSecret(), id: "msg_0123456789abcdef0123456789abcdef", at: new Date(), body: '{"type":"webhook.test"}' });

it("never follows a redirect: the attempt fails and says so, and the target is never called", async () => {
  const target = await serve((_req, res) => res.end("ok"));
  const bouncer = await serve((_req, res) => {
    res.writeHead(302, { location: `${target.url}/elsewhere` });
    res.end();
  });
  const sender = createWebhookSender({ allowPrivate: true, timeoutMs: 5_000 });
  const attempt = await sender.send(message(`${bouncer.url}/hook`));
  await sender.close();
  expect(attempt).toMatchObject({ ok: false, status: 302, error: expect.stringMatching(/redirect.*never followed/) });
  expect(target.hits).toEqual([]);
});

it("gives up on a receiver that does not answer within the time limit", async () => {
  const silent = await serve(() => undefined);
  const sender = createWebhookSender({ allowPrivate: true, timeoutMs: 300 });
  const started = performance.now();
  const attempt = await sender.send(message(`${silent.url}/hook`));
  const took = performance.now() - started;
  await sender.close();
  expect(attempt).toEqual({ ok: false, status: null, error: "The receiver did not answer in time." });
  expect(took).toBeLessThan(5_000);
});

it("signs with Standard Webhooks headers that the library verifies", () => {
  const m = message("http://unused");
  const headers = signedHeaders(m);
  expect(headers).toMatchObject({ "content-type": "application/json", "webhook-id": m.id, "webhook-timestamp": String(Math.floor(m.at.getTime() / 1000)) });
  expect(headers["webhook-signature"]).toMatch(/^v1,/);
  expect(new Webhook(m.secret).verify(m.body, headers)).toEqual({ type: "webhook.test" });
});
