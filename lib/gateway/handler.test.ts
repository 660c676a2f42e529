import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ALICE, SERVER_API_KEY, agentHeaders, call, okJson, startGateway, startUpstream, type UpstreamReply } from "./test-rig";

type Rig = { upstream: Awaited<ReturnType<typeof startUpstream>>; gateway: Awaited<ReturnType<typeof startGateway>> };
const open: Rig[] = [];

async function rig(reply?: UpstreamReply, options: Omit<Parameters<typeof startGateway>[0], "upstreamUrl"> = {}): Promise<Rig> {
  const upstream = await startUpstream(reply);
  const gateway = await startGateway({ upstreamUrl: upstream.url, ...options });
  const r = { upstream, gateway };
  open.push(r);
  return r;
}

afterEach(async () => {
  for (const r of open.splice(0)) {
    await r.gateway.close();
    await r.upstream.close();
  }
});

const ORDER = '{ "action":"open","transaction":"buy","instrumentId":101,"amount":250.5,"leverage":2 ,"orderCurrency":"usd"}';

describe("the gateway forwards the allowed operations as they are", () => {
  it("passes a read with its query byte for byte and returns the answer, status and request id", async () => {
    const { upstream, gateway } = await rig((_req, res) => {
      res.statusCode = 200;
      res.setHeader("content-type", "application/json; charset=utf-8");
      res.end('{"instrumentDisplayDatas":[1,2]}');
    });
    const requestId = randomUUID();
    const path = "/api/v1/market-data/instruments?instrumentIds=1%2C2,3&exchangeIds=&x=a%20b";
    const answer = await call(gateway.url, "GET", `/gateway${path}`, agentHeaders({ "x-request-id": requestId, accept: "application/json" }));

    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('{"instrumentDisplayDatas":[1,2]}');
    expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(answer.headers["x-request-id"]).toBe(requestId);
    expect(upstream.calls).toHaveLength(1);
    expect(upstream.calls[0].url).toBe(path);
    expect(upstream.calls[0].headers["x-request-id"]).toBe(requestId);
    expect(upstream.calls[0].headers["x-user-key"]).toBe(ALICE.secret);
  });

  it("passes an order's body byte for byte and records the order, never the secret", async () => {
    const { upstream, gateway } = await rig((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end('{"token":"066faaee-e1e9-49d2-a568-c6e1cc336ad8","orderId":13902598,"referenceId":"1c94300c-90aa-4303-9d00-dec376d74efb"}');
    });
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/demo/orders", agentHeaders({ "content-type": "application/json" }), ORDER);

    expect(answer.status).toBe(200);
    expect(upstream.calls[0].body.toString()).toBe(ORDER);
    expect(upstream.calls[0].headers["content-type"]).toBe("application/json");
    expect(gateway.usage).toHaveLength(1);
    expect(gateway.usage[0]).toMatchObject({
      userTokenId: "tok-alice",
      agentPortfolioId: "pf-alice",
      operationId: "createDemoOrder",
      account: "demo",
      write: true,
      status: 200,
      refusal: null,
      requestId: upstream.calls[0].headers["x-request-id"],
      order: { instrument: 101, side: "buy", amount: 250.5, units: null, leverage: 2, orderId: "13902598", target: null },
    });
    const everything = JSON.stringify(gateway.usage) + gateway.logs.join("") + (await gateway.metrics.registry.metrics());
    expect(everything).not.toContain(ALICE.secret);
    expect(everything).not.toContain(SERVER_API_KEY);
    expect(gateway.logs).toHaveLength(1);
    expect(JSON.parse(gateway.logs[0])).toMatchObject({ method: "POST", operation: "createDemoOrder", status: 200, userTokenId: "tok-alice" });
  });

  it("records a v1 order's IsBuy as a side and a cancel's order id from its path", async () => {
    const { gateway } = await rig((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end('{"orderForOpen":{"orderID":77,"instrumentID":1001},"token":"t"}');
    });
    await call(gateway.url, "POST", "/gateway/api/v1/trading/execution/market-open-orders/by-amount", agentHeaders({ "content-type": "application/json" }), '{"InstrumentID":1001,"IsBuy":false,"Leverage":1,"Amount":300}');
    await call(gateway.url, "DELETE", "/gateway/api/v2/trading/execution/orders/4242", agentHeaders());
    expect(gateway.usage[0].order).toMatchObject({ instrument: 1001, side: "sell", amount: 300, leverage: 1, orderId: "77" });
    expect(gateway.usage[1]).toMatchObject({ operationId: "cancelRealOrder", account: "real", write: true });
    expect(gateway.usage[1].order).toMatchObject({ target: { orderId: "4242" }, orderId: null });
  });

  it("streams a large chunked answer: the first bytes arrive before the upstream has finished", async () => {
    let finish: () => void = () => undefined;
    const chunk = Buffer.alloc(256 * 1024, "a");
    const { gateway } = await rig((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.write(chunk);
      finish = () => {
        for (let i = 0; i < 16; i++) res.write(chunk);
        res.end();
      };
    });
    const received = await new Promise<number>((resolve, reject) => {
      import("node:http").then(({ request }) => {
        const req = request(`${gateway.url}/gateway/api/v1/trading/info/portfolio`, { headers: agentHeaders(), agent: false }, (res) => {
          let total = 0;
          let asked = false;
          res.on("data", (c: Buffer) => {
            total += c.length;
            // Only once bytes have reached the agent does the upstream write the rest: a buffering gateway would hang here.
            if (!asked) {
              asked = true;
              finish();
            }
          });
          res.on("end", () => resolve(total));
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end();
      }, reject);
    });
    expect(received).toBe(17 * chunk.length);
  });

  it("lets go of the upstream answer when the agent hangs up half-way", async () => {
    let released: () => void = () => undefined;
    const upstreamClosed = new Promise<void>((resolve) => (released = resolve));
    const { gateway } = await rig((_req, res) => {
      res.on("close", () => released());
      res.setHeader("content-type", "application/json");
      res.write(Buffer.alloc(64 * 1024, "a"));
    });
    const { request } = await import("node:http");
    const { hostname, port } = new URL(gateway.url);
    const req = request({ hostname, port, path: "/gateway/api/v1/trading/info/portfolio", headers: agentHeaders(), agent: false }, (res) => {
      res.once("data", () => req.destroy());
    });
    req.on("error", () => undefined);
    req.end();
    // A gateway that kept reading for a gone agent would hold this answer open until the test times out.
    await upstreamClosed;
  });

  it("passes an order's answer larger than what it reads whole, and records the id from its start", async () => {
    const tail = "x".repeat(200 * 1024);
    const { gateway } = await rig((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.write('{"orderId":4242,"padding":"');
      setImmediate(() => res.end(`${tail}"}`));
    });
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/demo/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe('{"orderId":4242,"padding":"'.length + tail.length + 2);
    // Past the 64 KiB the gateway reads, the answer is not JSON to it: no id, and the record keeps the rest.
    expect(gateway.usage[0]).toMatchObject({ operationId: "createDemoOrder", status: 200, order: { instrument: 101, orderId: null } });
  });

  it("lets go of an order's upstream answer when the agent hangs up half-way", async () => {
    let released: () => void = () => undefined;
    const upstreamClosed = new Promise<void>((resolve) => (released = resolve));
    const { gateway } = await rig((_req, res) => {
      res.on("close", () => released());
      res.setHeader("content-type", "application/json");
      res.write(Buffer.alloc(64 * 1024, "a"));
    });
    const { request } = await import("node:http");
    const { hostname, port } = new URL(gateway.url);
    const req = request(
      { hostname, port, method: "POST", path: "/gateway/api/v2/trading/execution/demo/orders", headers: agentHeaders({ "content-type": "application/json" }), agent: false },
      (res) => {
        res.once("data", () => req.destroy());
      },
    );
    req.on("error", () => undefined);
    req.end(ORDER);
    await upstreamClosed;
  });

  it("passes eToro's 429 and Retry-After through unchanged", async () => {
    const { gateway } = await rig((_req, res) => {
      res.statusCode = 429;
      res.setHeader("retry-after", "17");
      res.setHeader("content-type", "application/json");
      res.end('{"errorCode":"TooManyRequests","errorMessage":"slow down"}');
    });
    const answer = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders());
    expect(answer.status).toBe(429);
    expect(answer.headers["retry-after"]).toBe("17");
    expect(answer.json()).toEqual({ errorCode: "TooManyRequests", errorMessage: "slow down" });
  });
});

describe("the gateway refuses what is not an allowed eToro operation", () => {
  const refused = [
    ["GET", "/gateway/api/v1/agent-portfolios"],
    ["POST", "/gateway/api/v2/agent-portfolios"],
    ["DELETE", "/gateway/api/v1/agent-portfolios/123"],
    ["GET", "/gateway/api/v2/agent-portfolios/user-tokens/scopes"],
    ["GET", "/gateway/api/v1/me/"],
    ["GET", "/gateway//api/v1/me"],
    ["GET", "/gateway/api/v1/./me"],
    ["GET", "/gateway/api/v1/trading/info/../../agent-portfolios"],
    ["DELETE", "/gateway/api/v2/trading/execution/orders/%2e%2e"],
    ["DELETE", "/gateway/api/v2/trading/execution/orders/1%2F..%2F..%2Fagent-portfolios"],
    ["DELETE", "/gateway/api/v2/trading/execution/orders/.."],
    ["GET", "/gateway/api/v1/%6de"],
    ["GET", "/gateway/api/v1/me?bad=%zz"],
    ["HEAD", "/gateway/api/v1/me"],
    ["OPTIONS", "/gateway/api/v1/me"],
    ["POST", "/gateway/api/v1/me"],
    ["GET", "/gateway"],
    ["GET", "/gatewayapi/v1/me"],
    ["GET", "/api/v1/me"],
  ] as const;

  it.each(refused)("%s %s: 404 in eToro's shape, upstream never called", async (method, path) => {
    const { upstream, gateway } = await rig();
    const answer = await call(gateway.url, method, path, agentHeaders());
    expect(answer.status).toBe(404);
    if (method !== "HEAD") expect(answer.json()).toMatchObject({ errorCode: "NotFound", errorMessage: expect.stringContaining("eToro") });
    expect(upstream.calls).toEqual([]);
  });
});

describe("what crosses the gateway", () => {
  it("never forwards cookies, authorization, hop-by-hop or forwarding headers, and returns only safe answer headers", async () => {
    const { upstream, gateway } = await rig((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.setHeader("set-cookie", "upstream=1");
      res.setHeader("x-internal-host", "node-7");
      res.setHeader("x-request-id", "upstream-id");
      res.setHeader("keep-alive", "timeout=5");
      res.end("{}");
    });
    const answer = await call(
      gateway.url,
      "GET",
      "/gateway/api/v1/me",
      agentHeaders({
        cookie: "apc_session=Fe26.2**secret-session",
        authorization: "Bearer person-key",
        "proxy-authorization": "Basic x",
        connection: "keep-alive, x-smuggle",
        "x-smuggle": "1",
        "keep-alive": "timeout=5",
        te: "trailers",
        "x-forwarded-for": "10.0.0.1",
        "x-forwarded-host": "evil.example",
        forwarded: "for=10.0.0.1",
        "x-real-ip": "10.0.0.1",
        "user-agent": "agent/1.0",
      }),
    );
    expect(answer.status).toBe(200);
    const sent = Object.keys(upstream.calls[0].headers).sort();
    expect(sent).toEqual(["connection", "host", "user-agent", "x-api-key", "x-request-id", "x-user-key"]);
    expect(upstream.calls[0].headers.connection).toBe("keep-alive");
    expect(upstream.calls[0].headers["user-agent"]).toBe("agent/1.0");
    expect(answer.headers["set-cookie"]).toBeUndefined();
    expect(answer.headers["x-internal-host"]).toBeUndefined();
    expect(answer.headers["x-request-id"]).toBe("upstream-id");
  });

  it("a console session cookie grants nothing: without x-user-key the answer is 401", async () => {
    const { upstream, gateway } = await rig();
    const answer = await call(gateway.url, "GET", "/gateway/api/v1/me", { cookie: "apc_session=Fe26.2**valid-looking" });
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ errorCode: "Unauthorized", errorMessage: expect.stringContaining("x-user-key") });
    expect(upstream.calls).toEqual([]);
  });

  it("makes a UUID x-request-id when the agent sends none and refuses a malformed one", async () => {
    const { upstream, gateway } = await rig();
    const made = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders());
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(upstream.calls[0].headers["x-request-id"]).toBe(made.headers["x-request-id"]);

    const bad = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders({ "x-request-id": "not-a-uuid" }));
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ errorCode: "ValidationFailed" });
    expect(upstream.calls).toHaveLength(1);
  });

  it("forwards the agent's own x-api-key, else the console's", async () => {
    const { upstream, gateway } = await rig();
    await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders({ "x-api-key": "agent-own-key" }));
    await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders());
    expect(upstream.calls.map((c) => c.headers["x-api-key"])).toEqual(["agent-own-key", SERVER_API_KEY]);
  });

  it("refuses with 401 when neither the agent nor the console has an x-api-key", async () => {
    const { upstream, gateway } = await rig(undefined, { upstream: { apiKey: null } });
    const answer = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders());
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ errorCode: "Unauthorized", errorMessage: expect.stringContaining("x-api-key") });
    expect(upstream.calls).toEqual([]);
  });

  it("calls the upstream from the configured egress address", async () => {
    const { upstream, gateway } = await rig(undefined, { upstream: { localAddress: "127.0.0.2" } });
    await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders());
    expect(upstream.calls[0].remoteAddress).toBe("127.0.0.2");
  });
});

describe("failures upstream", () => {
  it("never retries a write when the upstream drops the connection", async () => {
    const { upstream, gateway } = await rig((req) => req.socket.destroy());
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({ errorCode: "UpstreamUnavailable", errorMessage: expect.stringContaining("never retried") });
    expect(upstream.calls).toHaveLength(1);
    expect(gateway.usage[0]).toMatchObject({ operationId: "createRealOrder", status: 502, refusal: "upstream-unavailable" });
  });

  it("passes an upstream 503 on a write through once, not retried", async () => {
    const { upstream, gateway } = await rig((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
    expect(answer.status).toBe(503);
    expect(upstream.calls).toHaveLength(1);
  });

  it("never follows a redirect and never hands the agent its location", async () => {
    const elsewhere = await startUpstream();
    try {
      const { upstream, gateway } = await rig((_req, res) => {
        res.statusCode = 307;
        res.setHeader("location", `${elsewhere.url}/api/v1/agent-portfolios`);
        res.end();
      });
      const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
      expect(answer.status).toBe(502);
      expect(answer.headers.location).toBeUndefined();
      expect(upstream.calls).toHaveLength(1);
      expect(elsewhere.calls).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("failures on the way", () => {
  it("answers 504 when the upstream does not answer in time, and sends the write once", async () => {
    const { upstream, gateway } = await rig(() => undefined, { upstream: { timeoutMs: 300 } });
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
    expect(answer.status).toBe(504);
    expect(answer.json()).toMatchObject({ errorCode: "UpstreamTimeout" });
    expect(upstream.calls).toHaveLength(1);
  });

  it("cuts the agent's answer short when the upstream dies mid-answer, and keeps serving", async () => {
    const { upstream, gateway } = await rig((req, res) => {
      if (upstream.calls.length > 1) return okJson(req, res, Buffer.alloc(0));
      res.setHeader("content-length", "1000");
      res.write("x".repeat(100));
      setImmediate(() => res.socket?.destroy());
    });
    await expect(call(gateway.url, "GET", "/gateway/api/v1/trading/info/portfolio", agentHeaders())).rejects.toThrow();
    expect((await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders())).status).toBe(200);
  });

  it("answers 503 and sends nothing upstream when the token cannot be checked", async () => {
    const { upstream, gateway } = await rig(undefined, {
      identify: () => Promise.reject(new Error("database unreachable")),
    });
    const answer = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders());
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({ errorCode: "ServiceUnavailable", errorMessage: expect.stringContaining("nothing was sent") });
    expect(answer.body.toString()).not.toContain("database unreachable");
    expect(upstream.calls).toEqual([]);
  });
});

describe("bodies", () => {
  it("refuses a body over the cap with 413, by its declared length or as it streams, before the upstream sees it", async () => {
    const { upstream, gateway } = await rig(undefined, { maxBodyBytes: 1024 });
    const big = `{"amount":1,"pad":"${"x".repeat(2000)}"}`;
    const declared = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json" }), big);
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ errorCode: "PayloadTooLarge" });
    const chunked = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json", "transfer-encoding": "chunked" }), big);
    expect(chunked.status).toBe(413);
    expect(upstream.calls).toEqual([]);
  });

  it("accepts a body exactly at the cap", async () => {
    const { upstream, gateway } = await rig(undefined, { maxBodyBytes: 64 });
    const body = `{"amount":1,"pad":"${"x".repeat(64 - 21)}"}`;
    expect(body.length).toBe(64);
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json" }), body);
    expect(answer.status).toBe(200);
    expect(upstream.calls[0].body.toString()).toBe(body);
  });

  it("wants JSON: 415 for another content type, 400 for an order that does not parse or a body where none belongs", async () => {
    const { upstream, gateway } = await rig();
    const form = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/x-www-form-urlencoded" }), "a=1");
    expect(form.status).toBe(415);
    const broken = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ "content-type": "application/json" }), "{nope");
    expect(broken.status).toBe(400);
    const stray = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders({ "content-type": "application/json" }), "{}");
    expect(stray.status).toBe(400);
    expect(upstream.calls).toEqual([]);
  });
});

describe("the agent's connection", () => {
  const keepAlive = { connection: "keep-alive" };

  it("stays open after a refusal of a request without a body, so a pooled client is never cut off", async () => {
    const { gateway } = await rig();
    const noKey = await call(gateway.url, "GET", "/gateway/api/v1/me", keepAlive);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.connection).toBe("keep-alive");
    const notAllowed = await call(gateway.url, "DELETE", "/gateway/api/v1/me", agentHeaders(keepAlive));
    expect(notAllowed.status).toBe(404);
    expect(notAllowed.headers.connection).toBe("keep-alive");
  });

  it("closes when the refusal leaves a body unread, whether declared by length or chunked", async () => {
    const { gateway } = await rig();
    for (const framing of [{}, { "transfer-encoding": "chunked" }] as Record<string, string>[]) {
      const form = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/orders", agentHeaders({ ...keepAlive, ...framing, "content-type": "text/plain" }), "a=1");
      expect(form.status).toBe(415);
      expect(form.headers.connection).toBe("close");
    }
    const stray = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders({ ...keepAlive, "content-type": "application/json" }), "{}");
    expect(stray.status).toBe(400);
    expect(stray.headers.connection).toBe("close");
  });
});

describe("knowing the token", () => {
  it("refuses a token the console never minted with 401 and words that say what to do", async () => {
    const { upstream, gateway } = await rig();
    const answer = await call(gateway.url, "GET", "/gateway/api/v1/me", { "x-user-key": "sk_live_minted_elsewhere" });
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({
      errorCode: "Unauthorized",
      errorMessage: expect.stringMatching(/this token was not minted by this console: roll it in the console/i),
    });
    expect(upstream.calls).toEqual([]);
    expect(gateway.usage).toEqual([]);
    expect(gateway.logs.join("")).not.toContain("sk_live_minted_elsewhere");
  });

  it("throttles guessing per address: refused with 429 and Retry-After, other addresses unaffected", async () => {
    const { upstream, gateway } = await rig(undefined, { throttle: { maxFailures: 3 } });
    const guess = (n: number, from: string) => call(gateway.url, "GET", "/gateway/api/v1/me", { "x-user-key": `guess-${n}`, "x-test-client": from });
    for (let n = 0; n < 3; n++) expect((await guess(n, "203.0.113.9")).status).toBe(401);
    const blocked = await guess(3, "203.0.113.9");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(blocked.json()).toMatchObject({ errorCode: "TooManyRequests" });
    // Even the right token is refused from a blocked address, or guessing would still learn when it hit.
    const right = await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders({ "x-test-client": "203.0.113.9" }));
    expect(right.status).toBe(429);
    expect((await guess(4, "198.51.100.7")).status).toBe(401);
    expect(upstream.calls).toEqual([]);
  });
});

describe("the policy hook", () => {
  it("refuses what admit refuses, in eToro's shape, before the upstream, and records the refusal", async () => {
    const seen: unknown[] = [];
    const { upstream, gateway } = await rig(undefined, {
      admit: (token, operation, request) => {
        seen.push({ token: token.userTokenId, operation: operation.operationId, order: request.order });
        return { refuse: { status: 403, code: "TokenFrozen", message: "This token is frozen in the console." } };
      },
    });
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/demo/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({ errorCode: "TokenFrozen", errorMessage: "This token is frozen in the console." });
    expect(seen).toEqual([{ token: "tok-alice", operation: "createDemoOrder", order: JSON.parse(ORDER) }]);
    expect(upstream.calls).toEqual([]);
    expect(gateway.usage[0]).toMatchObject({ status: 403, refusal: "policy", order: null });
  });

  it("answers in the upstream's place when admit holds the request (an approval), forwarding nothing", async () => {
    const { upstream, gateway } = await rig(undefined, {
      admit: () => ({ answer: { status: 202, headers: { "x-approval-id": "a-1" }, body: { approvalId: "a-1", status: "pending" } } }),
    });
    const answer = await call(gateway.url, "POST", "/gateway/api/v2/trading/execution/demo/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
    expect(answer.status).toBe(202);
    expect(answer.headers["x-approval-id"]).toBe("a-1");
    expect(answer.json()).toEqual({ approvalId: "a-1", status: "pending" });
    expect(upstream.calls).toEqual([]);
    expect(gateway.usage[0]).toMatchObject({ status: 202, refusal: null, order: null });
  });

  it("tells an admission's settle how the upstream call ended: eToro's status, or no answer and whether it may have been sent", async () => {
    const settled: unknown[] = [];
    const admit = () => ({ ok: true as const, settle: async (outcome: unknown) => void settled.push(outcome) });
    const { upstream, gateway } = await rig((_req, res) => {
      res.statusCode = settled.length === 0 ? 200 : 400;
      res.end("{}");
    }, { admit });
    const send = () => call(gateway.url, "POST", "/gateway/api/v2/trading/execution/demo/orders", agentHeaders({ "content-type": "application/json" }), ORDER);
    expect((await send()).status).toBe(200);
    await vi.waitFor(() => expect(settled).toHaveLength(1));
    expect((await send()).status).toBe(400);
    await vi.waitFor(() => expect(settled).toHaveLength(2));
    // A connection refused: the order never left.
    await upstream.close();
    expect((await send()).status).toBe(502);
    // Settled after the answer is sent: wait for it.
    await vi.waitFor(() => expect(settled).toEqual([{ status: 200 }, { status: 400 }, { failed: true, maybeSent: false }]));

    // An upstream that takes the order and never answers: it may have been placed.
    const silent = await rig(() => undefined, { admit, upstream: { timeoutMs: 200 } });
    settled.length = 0;
    expect((await call(silent.gateway.url, "POST", "/gateway/api/v2/trading/execution/demo/orders", agentHeaders({ "content-type": "application/json" }), ORDER)).status).toBe(504);
    await vi.waitFor(() => expect(settled).toEqual([{ failed: true, maybeSent: true }]));
  });
});

describe("metrics", () => {
  it("counts requests by operation and status class, refusals by reason, with no secret in any label", async () => {
    const { gateway } = await rig();
    await call(gateway.url, "GET", "/gateway/api/v1/me", agentHeaders());
    await call(gateway.url, "GET", "/gateway/api/v1/agent-portfolios", agentHeaders());
    await call(gateway.url, "GET", "/gateway/api/v1/me", { "x-user-key": "sk_unknown_secret_value" });
    const text = await gateway.metrics.registry.metrics();
    expect(text).toContain('gateway_requests_total{operation="getAuthenticatedUserProfile",status_class="2xx"} 1');
    expect(text).toContain('gateway_requests_total{operation="getAuthenticatedUserProfile",status_class="4xx"} 1');
    expect(text).toContain('gateway_refusals_total{reason="not-allowed"} 1');
    expect(text).toContain('gateway_refusals_total{reason="unknown-token"} 1');
    expect(text).toContain('gateway_request_duration_seconds_count{operation="getAuthenticatedUserProfile"} 2');
    expect(text).toContain("gateway_usage_rows_pending 0");
    expect(text).not.toContain("sk_unknown_secret_value");
    expect(text).not.toContain(ALICE.secret);
    expect(text).not.toContain("agent-portfolios");
  });
});
