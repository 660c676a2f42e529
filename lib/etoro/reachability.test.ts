import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBE_TTL_MS, upstreamReachable } from "./reachability";

let server: Server;
let url: string;
const seen: { method?: string; apiKey?: string; userKey?: string }[] = [];

beforeAll(async () => {
  // Any HTTP answer counts, a 401 included: the probe sends no keys.
  server = createServer((req, res) => {
    seen.push({ method: req.method, apiKey: req.headers["x-api-key"] as string, userKey: req.headers["x-user-key"] as string });
    res.writeHead(401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("upstream reachability probe", () => {
  it("counts any HTTP answer as reachable, sends no keys, and asks again only after the TTL", async () => {
    const t0 = 1_000_000;
    expect(await upstreamReachable(url, t0)).toBe(true);
    expect(seen).toEqual([{ method: "GET", apiKey: undefined, userKey: undefined }]);
    expect(await upstreamReachable(url, t0 + PROBE_TTL_MS - 1)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(await upstreamReachable(url, t0 + PROBE_TTL_MS)).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it("is unreachable when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await upstreamReachable(`http://127.0.0.1:${port}`)).toBe(false);
  });
});
