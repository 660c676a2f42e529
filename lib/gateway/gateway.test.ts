import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createGateway } from "./gateway";
import { ALICE, agentHeaders, call, startUpstream } from "./test-rig";
import type { UsageRecord } from "./usage-record";

describe("the gateway put together", () => {
  it("forwards, and on close writes every usage record still pending through writeUsage", async () => {
    const upstream = await startUpstream();
    const written: UsageRecord[] = [];
    const gateway = createGateway({
      upstreamBaseUrl: upstream.url,
      apiKey: "console-key",
      upstreamTimeoutMs: 5_000,
      identify: (key) => (key === ALICE.secret ? ALICE.token : null),
      writeUsage: async (records) => void written.push(...records),
    });
    const server = createServer(gateway.handle);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 3; i++) expect((await call(base, "GET", "/gateway/api/v1/me", agentHeaders())).status).toBe(200);
      await gateway.close();
      expect(written.map((r) => r.operationId)).toEqual(["getAuthenticatedUserProfile", "getAuthenticatedUserProfile", "getAuthenticatedUserProfile"]);
      expect(await gateway.metrics.registry.metrics()).toContain("gateway_usage_rows_pending 0");
      expect(upstream.calls.map((c) => c.headers["x-api-key"])).toEqual(["console-key", "console-key", "console-key"]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await upstream.close();
    }
  });
});
