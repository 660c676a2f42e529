/**
 * The floor the gateway is judged against: a bare pass-through proxy from the
 * same libraries (node:http in, an undici Pool out with the gateway's own pool
 * settings: 64 connections, the egress address, the same timeouts), and nothing
 * else: no operation table, no token lookup, no policy, no usage, no metrics.
 * Serves `/gateway/…` like the gateway so the load is byte-for-byte the same.
 * With a `usage` argument it is the usage floor instead (bench/gateway/usage-floor.ts):
 * the same proxy plus the usage record every gateway request must leave.
 *
 *   tsx bench/gateway/bare-proxy.ts '{"upstream":"http://127.0.0.1:4010","egress":"127.0.0.2"}'   → prints {"port":N}
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Pool, type Dispatcher } from "undici";
import type { UsageFloorArgs } from "./usage-floor";

const { upstream, egress, usage } = JSON.parse(process.argv[2] ?? "{}") as { upstream: string; egress?: string; usage?: UsageFloorArgs };
const floor = usage ? await (await import("./usage-floor")).openUsageFloor(usage) : null;
const timeoutMs = 10_000;
const pool = new Pool(upstream, {
  connections: 64,
  localAddress: egress,
  connectTimeout: timeoutMs,
  headersTimeout: timeoutMs,
  bodyTimeout: timeoutMs,
});
const PASSED = ["x-user-key", "x-api-key", "x-request-id", "content-type", "accept"];
const PREFIX = "/gateway";

const server = createServer((req, res) => {
  if (req.url === "/__bench/cpu") {
    const used = process.cpuUsage();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ cpuUs: used.user + used.system }));
    return;
  }
  if (req.url === "/__bench/flush" && floor) {
    void floor.flush().then((usageRows) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ usageRows })));
    return;
  }
  const started = floor ? performance.now() : 0;
  const headers: Record<string, string> = {};
  for (const name of PASSED) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = chunks.length ? Buffer.concat(chunks) : null;
    if (floor) {
      const sent = req.headers["x-request-id"];
      const requestId = typeof sent === "string" ? sent : randomUUID();
      headers["x-request-id"] = requestId;
      res.once("finish", () => floor.record(req, res.statusCode, performance.now() - started, requestId, body));
    }
    pool
      .stream(
        {
          path: (req.url ?? "/").slice(PREFIX.length),
          method: req.method as Dispatcher.HttpMethod,
          headers,
          body,
        },
        ({ statusCode, headers: answer }) => {
          res.statusCode = statusCode;
          for (const name of ["content-type", "content-length", "x-request-id"]) {
            const value = answer[name];
            if (value !== undefined) res.setHeader(name, value);
          }
          return res;
        },
      )
      .catch(() => {
        if (!res.headersSent) res.statusCode = 502;
        res.end();
      });
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => void pool.close().then(() => floor?.close()).then(() => process.exit(0)));
});
