/**
 * The floor the gateway is judged against: a bare pass-through proxy from the
 * same libraries (node:http in, an undici Pool out with the gateway's own pool
 * settings: 64 connections, the egress address, the same timeouts), and nothing
 * else: no operation table, no token lookup, no policy, no usage, no metrics.
 * Serves `/gateway/…` like the gateway so the load is byte-for-byte the same.
 *
 *   tsx bench/gateway/bare-proxy.ts '{"upstream":"http://127.0.0.1:4010","egress":"127.0.0.2"}'   → prints {"port":N}
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool, type Dispatcher } from "undici";

const { upstream, egress } = JSON.parse(process.argv[2] ?? "{}") as { upstream: string; egress?: string };
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
  const headers: Record<string, string> = {};
  for (const name of PASSED) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    pool
      .stream(
        {
          path: (req.url ?? "/").slice(PREFIX.length),
          method: req.method as Dispatcher.HttpMethod,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : null,
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
  server.close(() => void pool.close().then(() => process.exit(0)));
});
