/**
 * Test support for the gateway's suites: a real upstream HTTP server on port 0
 * that records every request it receives, the gateway handler on a real
 * http.Server in front of it, and a raw HTTP client (node:http, so tests choose
 * every header byte, which fetch would not allow).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createUpstream, type UpstreamOptions } from "./forward";
import { createGuessThrottle, type GuessThrottleOptions } from "./guess-throttle";
import { createGatewayHandler, type GatewayDeps, type GatewayToken } from "./handler";
import { jsonLinesLog } from "./log";
import { createGatewayMetrics, type GatewayMetrics } from "./metrics";
import { createOperationTable } from "./operations";
import { createTokenHasher } from "./token-hash";
import type { UsageRecord } from "./usage-record";

export type RecordedCall = { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer; remoteAddress: string };
export type UpstreamReply = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

export const ALICE = { secret: "sk_test_alice_0123456789abcdefghijklmnopqrstuv", token: { userTokenId: "tok-alice", agentPortfolioId: "pf-alice" } };
export const SERVER_API_KEY = "console-api-key-never-logged";

function listen(server: Server, host = "127.0.0.1"): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A JSON 200 that echoes nothing: the default upstream answer. */
export const okJson: UpstreamReply = (_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end('{"ok":true}');
};

export async function startUpstream(reply: UpstreamReply = okJson) {
  const calls: RecordedCall[] = [];
  let current = reply;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      calls.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, remoteAddress: req.socket.remoteAddress ?? "" });
      current(req, res, body);
    });
  });
  const url = await listen(server);
  return {
    url,
    calls,
    reply(next: UpstreamReply) {
      current = next;
    },
    close: () => close(server),
  };
}

export type GatewayRigOptions = {
  upstreamUrl: string;
  upstream?: Partial<UpstreamOptions>;
  throttle?: Partial<GuessThrottleOptions>;
  admit?: GatewayDeps<GatewayToken>["admit"];
  identify?: GatewayDeps<GatewayToken>["identify"];
  maxBodyBytes?: number;
};

export async function startGateway(options: GatewayRigOptions) {
  const hasher = createTokenHasher("gateway-test-server-secret");
  const known = new Map([[hasher.lookupKey(ALICE.secret), ALICE.token]]);
  const usage: UsageRecord[] = [];
  const logs: string[] = [];
  const operations = createOperationTable();
  const metrics: GatewayMetrics = createGatewayMetrics({
    operationIds: operations.operations.map((o) => o.operationId),
    usagePending: () => 0,
    usageDropped: () => 0,
  });
  const upstream = createUpstream({ baseUrl: options.upstreamUrl, apiKey: SERVER_API_KEY, timeoutMs: 5_000, ...options.upstream });
  const handler = createGatewayHandler({
    upstream,
    identify: options.identify ?? ((secret) => known.get(hasher.lookupKey(secret)) ?? null),
    admit: options.admit,
    onUsage: (record) => usage.push(record),
    throttle: createGuessThrottle({ maxFailures: 5, windowMs: 60_000, maxAddresses: 1_000, ...options.throttle }),
    metrics,
    log: jsonLinesLog((line) => logs.push(line)),
    operations,
    // Tests play several callers from one machine.
    clientAddress: (req) => (req.headers["x-test-client"] as string | undefined) ?? req.socket.remoteAddress ?? "",
    maxBodyBytes: options.maxBodyBytes,
  });
  const server = createServer(handler);
  const url = await listen(server);
  return {
    url,
    usage,
    logs,
    metrics,
    async close() {
      await close(server);
      await upstream.close();
    },
  };
}

export type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer; json(): unknown };

/** One raw HTTP call; the path and `body` as given, byte for byte. */
export function call(base: string, method: string, path: string, headers: Record<string, string | string[]> = {}, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Host and port apart from the path: a URL string would have its dot segments resolved before sending.
    const { hostname, port } = new URL(base);
    const req = httpRequest({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes, json: () => JSON.parse(bytes.toString("utf8")) });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Headers an agent sends to eToro, with a token this console minted. */
export function agentHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "x-user-key": ALICE.secret, ...extra };
}
