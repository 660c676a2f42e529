/**
 * Test support: a webhook receiver on a random local port that keeps what it
 * was sent (headers and the raw body) and answers a status the test chooses.
 * `close()` takes it down; `listen(port)` brings it back on the same port (the
 * "receiver down, then up again" tests).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: IncomingHttpHeaders; body: string; path: string };

export type Receiver = {
  url: string;
  port: number;
  received: Received[];
  /** The status the next requests are answered with (default 204). */
  status: number;
  close(): Promise<void>;
  listen(): Promise<void>;
  /** Resolves once `n` requests in all have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
};

export async function startReceiver(path = "/hooks/console"): Promise<Receiver> {
  let server: Server | null = null;
  const waiters: { n: number; resolve: () => void }[] = [];
  const receiver: Receiver = {
    url: "",
    port: 0,
    received: [],
    status: 204,
    async listen() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "" });
          res.statusCode = receiver.status;
          res.end();
          for (const w of waiters.filter((w) => receiver.received.length >= w.n)) w.resolve();
        });
      });
      await new Promise<void>((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(receiver.port, "127.0.0.1", resolve);
      });
      receiver.port = (server.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${receiver.port}${path}`;
    },
    async close() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()).closeAllConnections());
    },
    waitFor(n, timeoutMs = 20_000) {
      if (receiver.received.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${receiver.received.length} of ${n} requests`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
  await receiver.listen();
  return receiver;
}
