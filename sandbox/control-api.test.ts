import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "./server";
import { control, testSandboxOptions } from "../tests/support/sandbox-client";

/**
 * Any web page a developer visits can send simple cross-site requests (a form post,
 * a no-cors fetch) to 127.0.0.1. The control API answers only requests carrying a
 * header such pages cannot send.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox(testSandboxOptions());
});
afterAll(() => sandbox.close());

describe("the control API refuses requests a web page could forge", () => {
  it.each([
    ["POST", "/__sandbox/reset", undefined],
    ["POST", "/__sandbox/faults", "application/x-www-form-urlencoded"],
    ["POST", "/__sandbox/faults", "text/plain"],
    ["DELETE", "/__sandbox/faults", undefined],
    ["POST", "/__sandbox/stats/reset", undefined],
    ["GET", "/__sandbox/stats", undefined],
  ])("%s %s (%s) without x-sandbox-control: 403, nothing changed", async (method, path, type) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { ...(type ? { "content-type": type } : {}), origin: "https://evil.example" },
      body: type ? (type.includes("json") ? "{}" : '{"status":500}') : undefined,
    });
    expect(res.status).toBe(403);
    expect((await res.json()).errorCode).toBe("ControlHeaderRequired");
    expect((await control(sandbox, "GET", "/__sandbox/faults")).body).toEqual({ faults: [] });
  });

  it("health stays open (readiness probes), and the header opens the rest", async () => {
    expect((await fetch(`${sandbox.url}/__sandbox/health`)).status).toBe(200);
    expect((await control(sandbox, "POST", "/__sandbox/faults", { status: 503, times: 1 })).status).toBe(204);
    expect((await control(sandbox, "POST", "/__sandbox/reset")).status).toBe(204);
  });
});
