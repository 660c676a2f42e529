/**
 * The gateway put together: the upstream pool, the guess throttle, the usage
 * batcher, the metrics and the handler, from plain values and the three things
 * the console supplies (who a token is, what policy admits, where usage goes).
 * The caller reads the configuration and mounts `handle` on `/gateway/` of any
 * http.Server; `close` drains the usage and closes the pool on shutdown.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createUpstream } from "./forward";
import { createGuessThrottle } from "./guess-throttle";
import { createGatewayHandler, type GatewayDeps, type GatewayToken } from "./handler";
import type { GatewayLog } from "./log";
import { createGatewayMetrics, type GatewayMetrics } from "./metrics";
import { createOperationTable } from "./operations";
import { createUsageBatcher } from "./usage-batcher";
import type { UsageRecord } from "./usage-record";

export type GatewayOptions<T extends GatewayToken> = {
  upstreamBaseUrl: string;
  /** The console's x-api-key, lent to agents that send none (see forward.ts). */
  apiKey: string | null;
  /** The address the gateway calls eToro from; a token's eToro IP whitelist names it. */
  egressAddress?: string;
  upstreamTimeoutMs: number;
  identify: GatewayDeps<T>["identify"];
  admit?: GatewayDeps<T>["admit"];
  /** Writes a batch of usage records (the database); called off the request path. */
  writeUsage(records: UsageRecord[]): Promise<void>;
  onUsageWriteError?: (error: unknown) => void;
  clientAddress?: GatewayDeps<T>["clientAddress"];
  channelOf?: GatewayDeps<T>["channelOf"];
  log?: GatewayLog;
};

export type Gateway = {
  handle(req: IncomingMessage, res: ServerResponse): void;
  metrics: GatewayMetrics;
  /** Writes the usage pending now (a health check, a test); the batcher does it on its own otherwise. */
  flushUsage(): Promise<void>;
  /** Writes the usage still pending and closes the upstream pool. */
  close(): Promise<void>;
};

/** How usage records are batched: written within a second, 500 a write, at most 100,000 held. */
export const USAGE_BATCHING = { flushIntervalMs: 1_000, maxBatch: 500, maxPending: 100_000 } as const;

export function createGateway<T extends GatewayToken>(options: GatewayOptions<T>): Gateway {
  const operations = createOperationTable();
  const usage = createUsageBatcher<UsageRecord>({ ...USAGE_BATCHING, write: options.writeUsage, onWriteError: options.onUsageWriteError });
  const metrics = createGatewayMetrics({
    operationIds: operations.operations.map((o) => o.operationId),
    usagePending: () => usage.pending,
    usageDropped: () => usage.dropped,
  });
  const upstream = createUpstream({
    baseUrl: options.upstreamBaseUrl,
    apiKey: options.apiKey,
    localAddress: options.egressAddress,
    timeoutMs: options.upstreamTimeoutMs,
  });
  const handle = createGatewayHandler<T>({
    upstream,
    identify: options.identify,
    admit: options.admit,
    onUsage: (record) => usage.push(record),
    throttle: createGuessThrottle({ maxFailures: 20, windowMs: 60_000, maxAddresses: 50_000 }),
    metrics,
    log: options.log,
    operations,
    clientAddress: options.clientAddress,
    channelOf: options.channelOf,
  });
  return {
    handle,
    metrics,
    flushUsage: () => usage.flush(),
    async close() {
      await usage.flush();
      await upstream.close();
    },
  };
}
