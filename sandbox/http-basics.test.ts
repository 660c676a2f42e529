import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BOB, call, control, testSandboxOptions } from "../tests/support/sandbox-client";
import { handleApiRequest } from "./api-pipeline";
import { Authenticator } from "./auth";
import { FaultRegistry } from "./faults";
import { readBody } from "./http";
import { RateLimiter } from "./rate-limit";
import { Router } from "./router";
import { startSandbox, type RunningSandbox } from "./server";
import { RequestStats } from "./stats";
import { SandboxStore } from "./store";
import { TradingDesk } from "./trading/accounts";

const V1 = "/api/v1/agent-portfolios";
const unauthorized = { errorCode: "Unauthorized", errorMessage: "Unauthorized" };

describe("HTTP basics", () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox(testSandboxOptions());
  });
  afterEach(() => sandbox.close());

  it.each([
    ["a wrong x-api-key", { apiKey: "nope" }],
    ["an empty x-api-key", { apiKey: "" }],
    ["an unknown x-user-key", { userKey: "sandbox-mallory" }],
    ["an empty x-user-key", { userKey: "" }],
  ])("answers 401 to %s", async (_label, options) => {
    const response = await call(sandbox, "GET", V1, options);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized);
  });

  it("answers 401 when the auth headers are missing altogether", async () => {
    const response = await fetch(`${sandbox.url}${V1}`, { headers: { "x-request-id": crypto.randomUUID() } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(unauthorized);
  });

  it("checks auth before x-request-id", async () => {
    expect((await call(sandbox, "GET", V1, { apiKey: "nope", requestId: null })).status).toBe(401);
  });

  it.each([
    ["missing", null],
    ["not a UUID", "request-1"],
    ["a UUID with junk", "b0a205f2-b2d2-42b2-9185-372deba22fa4x"],
  ])("answers 400 ValidationFailed when x-request-id is %s", async (_label, requestId) => {
    const response = await call(sandbox, "GET", V1, { requestId });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: "ValidationFailed", errorMessage: "x-request-id header must be a UUID" });
  });

  it("echoes x-request-id on success and on errors", async () => {
    const requestId = crypto.randomUUID();
    expect((await call(sandbox, "GET", V1, { requestId })).headers.get("x-request-id")).toBe(requestId);
    expect((await call(sandbox, "DELETE", `${V1}/bad`, { requestId })).headers.get("x-request-id")).toBe(requestId);
    expect((await call(sandbox, "GET", V1, { requestId, userKey: "x" })).headers.get("x-request-id")).toBe(requestId);
  });

  it("answers JSON, never cached", async () => {
    const response = await call(sandbox, "GET", V1);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers an unknown API path with 404 NotFound JSON", async () => {
    const response = await call(sandbox, "GET", "/api/v3/agent-portfolios");
    expect(response.status).toBe(404);
    expect(response.body.errorCode).toBe("NotFound");
    const outside = await fetch(`${sandbox.url}/favicon.ico`);
    expect(outside.status).toBe(404);
    expect((await outside.json()).errorCode).toBe("NotFound");
  });

  it("answers a known path with the wrong method with 405 and Allow", async () => {
    const response = await call(sandbox, "PUT", V1, { body: {} });
    expect(response.status).toBe(405);
    expect(response.body.errorCode).toBe("MethodNotAllowed");
    expect(response.headers.get("allow")).toBe("GET, POST");
    const scopes = await call(sandbox, "POST", "/api/v2/agent-portfolios/user-tokens/scopes", { body: {} });
    expect(scopes.status).toBe(405);
    expect(scopes.headers.get("allow")).toBe("GET");
    const v2Delete = await call(sandbox, "DELETE", `/api/v2/agent-portfolios/${crypto.randomUUID()}`);
    expect(v2Delete.status).toBe(404);
  });

  it("answers invalid JSON, an empty body and a non-object with 400 ValidationFailed", async () => {
    const invalid = await call(sandbox, "POST", "/api/v2/agent-portfolios", { rawBody: "{not json" });
    expect(invalid.body).toEqual({ errorCode: "ValidationFailed", errorMessage: "Request body must be valid JSON" });
    const empty = await call(sandbox, "POST", "/api/v2/agent-portfolios", { rawBody: "" });
    expect(empty.body).toEqual({ errorCode: "ValidationFailed", errorMessage: "Request body is required" });
    const array = await call(sandbox, "POST", "/api/v2/agent-portfolios", { body: [1, 2] });
    expect(array.body).toEqual({ errorCode: "ValidationFailed", errorMessage: "Request body must be a JSON object" });
  });

  it("refuses a body over 1 MB with 400 ValidationFailed", async () => {
    const response = await call(sandbox, "POST", "/api/v2/agent-portfolios", { rawBody: `"${"x".repeat(1_100_000)}"` });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: "ValidationFailed", errorMessage: "Request body is too large" });
  });

  it("tolerates a trailing slash and a query string", async () => {
    expect((await call(sandbox, "GET", `${V1}/`)).status).toBe(200);
    expect((await call(sandbox, "GET", `${V1}?page=2`)).status).toBe(200);
  });

  it("serves the control API without auth", async () => {
    expect(await control(sandbox, "GET", "/__sandbox/health")).toEqual({ status: 200, body: { ok: true } });
    const wrongMethod = await control(sandbox, "DELETE", "/__sandbox/health");
    expect(wrongMethod.status).toBe(405);
    expect((await control(sandbox, "GET", "/__sandbox/nothing")).status).toBe(404);
  });

  it("accepts any configured user key, each as its own account", async () => {
    expect((await call(sandbox, "GET", V1, { userKey: BOB })).status).toBe(200);
  });
});

describe("an unexpected exception", () => {
  let server: Server;
  let url: string;
  const logged: unknown[] = [];
  beforeEach(async () => {
    const boom = new Router([
      {
        method: "GET",
        template: "/api/boom",
        handler: () => {
          throw new Error("at SandboxStore.secret (/work/main/sandbox/store.ts:1:1)");
        },
      },
    ]);
    const deps = {
      auth: new Authenticator("k", ["u"]),
      limiter: new RateLimiter(0),
      stats: new RequestStats(),
      faults: new FaultRegistry(),
      store: new SandboxStore(["u"]),
      desk: new TradingDesk(),
      clock: Date.now,
      router: boom,
      sleep: async () => {},
      onUnexpectedError: (error: unknown) => logged.push(error),
    };
    server = createServer(async (req, res) => {
      await handleApiRequest(req, res, (req.url ?? "/").split("?")[0], await readBody(req), deps);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("becomes a plain 500 UnhandledException 'Global Error', no stack trace", async () => {
    const response = await fetch(`${url}/api/boom`, {
      headers: { "x-api-key": "k", "x-user-key": "u", "x-request-id": crypto.randomUUID() },
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ errorCode: "UnhandledException", errorMessage: "Global Error" });
    expect(text).not.toContain("store.ts");
    expect(logged).toHaveLength(1);
  });
});
