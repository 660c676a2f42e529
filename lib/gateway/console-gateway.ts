/**
 * The agent gateway as the console serves it: `createGateway` (gateway.ts) with
 * the console's registry (who is calling), its policy (revoked, frozen, agent
 * allow-list), the token's risk boundaries (lib/boundaries: limits, budgets
 * reserved in the database, approvals), its usage store, and the gateway's own
 * routes: `GET /gateway/health`, `GET /gateway/metrics`, `GET
 * /gateway/openapi.json` (its API reference, api-reference.ts) and the MCP door
 * `/gateway/mcp` (lib/mcp/), whose tool calls come back in through the same
 * handler. server/console.ts hands it every `/gateway` request before Next;
 * `npm run gateway` serves it alone.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import { Gauge } from "prom-client";
import { createBoundaryAdmission } from "@/lib/boundaries/admission";
import { createRateCache } from "@/lib/boundaries/rate-cache";
import type { LedgerDb } from "@/lib/db/open";
import { createGatewayDoor } from "@/lib/mcp/gateway-door";
import { MCP_PATH, createMcpEndpoint } from "@/lib/mcp/mcp-endpoint";
import { gatewayApiReference } from "./api-reference";
import { consolePolicy } from "./console-policy";
import { createGateway } from "./gateway";
import type { GatewayLog } from "./log";
import { createTokenHasher } from "./token-hash";
import { openTokenCache } from "./token-registry";
import { createUsageWriter, pruneUsage } from "./usage-store";

export type ConsoleGatewayOptions = {
  /** Asked on every use: a database down at start makes the gateway answer 503 until it is back, never stops the console. */
  db: () => Promise<LedgerDb>;
  /** The server secret the token hash is keyed by (token-key.ts). */
  tokenSecret: string;
  upstreamBaseUrl: string;
  apiKey: string | null;
  /** The local address upstream calls leave from (egress.ts); undefined lets the OS choose. */
  egressAddress: string | undefined;
  upstreamTimeoutMs: number;
  usageRetentionDays: number;
  /** TRUST_PROXY: the caller is the rightmost X-Forwarded-For hop, as for the console. */
  trustProxy: boolean;
  /** How often the registry is re-read (default 250 ms). */
  registryPollMs?: number;
  /** How long an order held for a person's approval waits (APPROVAL_TTL_MINUTES; default 10). */
  approvalTtlMinutes?: number;
  /** The clock boundaries are judged by (trading hours, budget windows, approval expiry); tests set it. */
  now?: () => Date;
  log?: GatewayLog;
  /** Told the kind of a background failure (a usage write, a registry poll); never a record. */
  onError?: (what: string, error: unknown) => void;
};

export type ConsoleGateway = {
  /** Whether a request is the gateway's (`/gateway` and everything under it). */
  owns(url: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Writes the usage pending now. */
  flushUsage(): Promise<void>;
  /** Writes the usage still pending, then stops. */
  close(): Promise<void>;
};

const PREFIX = "/gateway";
const HOUR_MS = 3_600_000;

function forwardedFor(req: IncomingMessage): string | undefined {
  const header = req.headers["x-forwarded-for"];
  const last = (Array.isArray(header) ? header.at(-1) : header)?.split(",").at(-1)?.trim();
  return last || undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export async function openConsoleGateway(options: ConsoleGatewayOptions): Promise<ConsoleGateway> {
  const onError = options.onError ?? ((what: string, error: unknown) => console.error(`[gateway] ${what} failed: ${(error as Error)?.name ?? "Error"}`));
  const hasher = createTokenHasher(options.tokenSecret);
  const registry = await openTokenCache(options.db, hasher, { pollMs: options.registryPollMs, onError: (e) => onError("registry poll", e) });
  const clientAddress = (req: IncomingMessage) => (options.trustProxy ? forwardedFor(req) : undefined) ?? req.socket.remoteAddress ?? "";
  // Tool calls re-enter the gateway's own handler; the door tells their requests apart.
  const door = createGatewayDoor((req, res) => gateway.handle(req, res), PREFIX);
  const rates = createRateCache();
  const boundaries = createBoundaryAdmission({ db: options.db, approvalTtlMinutes: options.approvalTtlMinutes ?? 10, rates, now: options.now, onError });
  const gateway = createGateway({
    upstreamBaseUrl: options.upstreamBaseUrl,
    apiKey: options.apiKey,
    egressAddress: options.egressAddress,
    upstreamTimeoutMs: options.upstreamTimeoutMs,
    identify: async (secret) => {
      // A registry that cannot be read must not answer "never minted" for a token it may know.
      if (!registry.healthy) throw new Error("registry unavailable");
      const known = registry.identify(secret);
      if (known) return known;
      // A token minted a moment ago (on any instance) works at once: a miss reads the
      // changes before answering. Concurrent misses share one read; guesses are throttled per address.
      await registry.refresh();
      return registry.identify(secret);
    },
    admit: (token, operation, request) => {
      const decided = consolePolicy(token, operation, request);
      return "refuse" in decided ? decided : boundaries(token, operation, request);
    },
    writeUsage: createUsageWriter(options.db, registry.byId),
    onUsageWriteError: (e) => onError("usage write", e),
    clientAddress: (req) => door.callerOf(req) ?? clientAddress(req),
    channelOf: (req) => (door.callerOf(req) === undefined ? "rest" : "mcp"),
    log: options.log,
  });
  const mcp = createMcpEndpoint({ door, clientAddress });
  let reference: Record<string, unknown> | undefined;

  new Gauge({
    name: "gateway_rate_reads",
    help: "Instrument rate reads made since start to value orders sized in units (each spends the calling agent's eToro quota; cached 5 s per instrument).",
    registers: [gateway.metrics.registry],
    collect() {
      this.set(rates.reads);
    },
  });

  const prune = () => options.db().then((db) => pruneUsage(db, options.usageRetentionDays)).catch((e: unknown) => onError("usage retention", e));
  void prune();
  const retention = setInterval(prune, HOUR_MS);
  retention.unref();

  async function health(res: ServerResponse) {
    let database = false;
    try {
      await (await options.db()).execute(sql`select 1`);
      database = true;
    } catch {
      // Reported as database: false.
    }
    const pending = (await gateway.metrics.registry.getSingleMetric("gateway_usage_rows_pending")?.get())?.values[0]?.value ?? 0;
    const ok = database && registry.healthy;
    sendJson(res, ok ? 200 : 503, { ok, upstream: new URL(options.upstreamBaseUrl).origin, database, registry: registry.healthy, usagePending: pending });
  }

  async function metrics(res: ServerResponse) {
    const text = await gateway.metrics.registry.metrics();
    res.writeHead(200, { "content-type": gateway.metrics.registry.contentType, "cache-control": "no-store" });
    res.end(text);
  }

  return {
    owns: (url) => url === PREFIX || url.startsWith(`${PREFIX}/`) || url.startsWith(`${PREFIX}?`),
    handle(req, res) {
      const path = (req.url ?? "").split("?")[0];
      if (req.method === "GET" && path === `${PREFIX}/health`) return void health(res).catch(() => sendJson(res, 503, { ok: false }));
      if (req.method === "GET" && path === `${PREFIX}/metrics`) return void metrics(res).catch(() => sendJson(res, 500, { ok: false }));
      if (req.method === "GET" && path === `${PREFIX}/openapi.json`) return sendJson(res, 200, (reference ??= gatewayApiReference()));
      if (path === MCP_PATH) {
        return void mcp(req, res).catch(() => {
          // Only the fact: an error here may hold request data.
          onError("mcp request", new Error("mcp"));
          if (!res.headersSent) sendJson(res, 500, { jsonrpc: "2.0", error: { code: -32603, message: "Internal error" }, id: null });
          else res.destroy();
        });
      }
      gateway.handle(req, res);
    },
    flushUsage: () => gateway.flushUsage(),
    async close() {
      clearInterval(retention);
      registry.close();
      await gateway.close();
    },
  };
}
