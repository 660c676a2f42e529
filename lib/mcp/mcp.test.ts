/**
 * The gateway's MCP door over real HTTP, driven by the official SDK's client:
 * a sandbox on port 0 as eToro, the console gateway (registry, usage, ledger
 * in PGlite) on port 0, tokens minted through the sandbox.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenUsage } from "@/lib/bff/read-models/token-usage";
import { type OpenLedger } from "@/lib/db/open";
import { openTestLedger } from "@/lib/db/test-ledgers";
import { openConsoleGateway, type ConsoleGateway } from "@/lib/gateway/console-gateway";
import { jsonLinesLog } from "@/lib/gateway/log";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { markFrozen, registerMinted } from "@/lib/gateway/token-registry";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { TEST_API_KEY, testSandboxOptions } from "@/tests/support/sandbox-client";
import { callFrom, mintTradingToken, type MintedToken } from "@/tests/support/trading-tokens";

const TOKEN_SECRET = "mcp-test-token-secret-".padEnd(40, "m");
const ACCOUNT = "acct-mcp-test";
const EGRESS = "127.0.0.2";
const READ_TOOLS = ["get_portfolio", "get_rates", "look_up_order", "preview_order", "search_instruments"];
const WRITE_TOOLS = ["cancel_limit_order", "close_position", "open_position_by_amount", "open_position_by_units", "place_limit_order"];

let sandbox: RunningSandbox;
let ledger: OpenLedger;
let gateway: ConsoleGateway;
let server: Server;
let mcpUrl: string;
const logs: string[] = [];
const results: string[] = [];

async function register(token: MintedToken) {
  await registerMinted(ledger.db, createTokenHasher(TOKEN_SECRET), {
    account: ACCOUNT,
    agentPortfolioId: token.portfolioId,
    userTokenId: token.tokenId,
    userTokenName: "mcp-agent",
    secret: token.secret,
    gatewayOnly: false,
    agentIps: [],
  });
}

async function connect(secret: string, how: "bearer" | "x-user-key" = "bearer"): Promise<Client> {
  const headers: Record<string, string> = how === "bearer" ? { authorization: `Bearer ${secret}` } : { "x-user-key": secret };
  const client = new Client({ name: "mcp-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers } }));
  return client;
}

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<{ result: CallToolResult; text: string }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
  results.push(text);
  return { result, text };
}

/** The JSON a tool answered with (after its first line for refusals and approvals). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(text: string): any {
  return JSON.parse(text.slice(text.indexOf("{")));
}

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(mcpUrl, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body });
}

beforeAll(async () => {
  sandbox = await startSandbox(testSandboxOptions());
  ledger = await openTestLedger();
  gateway = await openConsoleGateway({
    db: async () => ledger.db,
    tokenSecret: TOKEN_SECRET,
    upstreamBaseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    egressAddress: EGRESS,
    upstreamTimeoutMs: 5_000,
    usageRetentionDays: 90,
    trustProxy: false,
    log: jsonLinesLog((line) => logs.push(line)),
    onError: (what) => logs.push(`error: ${what}`),
  });
  server = createServer((req, res) => gateway.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  mcpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway/mcp`;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await gateway?.close();
  await ledger?.close();
  await sandbox?.close();
});

describe("the gateway's MCP server", () => {
  it("lists only the read tools to a read-only token, and every tool to a trading token, each with annotations", async () => {
    const reader = await mintTradingToken(sandbox, { scopes: ["etoro-public:trade.demo:read"] });
    const trader = await mintTradingToken(sandbox);
    await register(reader);
    await register(trader);

    const readClient = await connect(reader.secret);
    const readTools = (await readClient.listTools()).tools;
    expect(readTools.map((t) => t.name).sort()).toEqual(READ_TOOLS);
    expect(readTools.every((t) => t.annotations?.readOnlyHint === true && t.annotations.destructiveHint === false)).toBe(true);
    // Only the accounts its scopes can read are offered.
    expect(readTools.find((t) => t.name === "get_portfolio")?.inputSchema.properties?.environment).toMatchObject({ enum: ["demo"] });
    await readClient.close();

    const tradeClient = await connect(trader.secret, "x-user-key");
    const tools = (await tradeClient.listTools()).tools;
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
    for (const t of tools.filter((t) => WRITE_TOOLS.includes(t.name))) {
      expect(t.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      expect(t.description).toMatch(/boundaries/);
      expect(t.inputSchema.properties).toHaveProperty("environment");
    }
    await tradeClient.close();
  });

  it("previews and opens a demo order: eToro's sandbox holds the position, the usage view shows the calls as MCP", async () => {
    const trader = await mintTradingToken(sandbox);
    await register(trader);
    const client = await connect(trader.secret);

    const found = await tool(client, "search_instruments", { query: "AAPL", limit: 3 });
    expect(found.result.isError).toBeFalsy();
    const instrumentId = json(found.text).answer.items[0].instrumentId as number;

    const preview = await tool(client, "preview_order", { instrumentId, side: "buy", amount: 100, leverage: 1 });
    expect(preview.result.isError).toBeFalsy();
    expect(preview.text).toMatch(/Costs: .*"status":200/);
    expect(preview.text).toMatch(/Eligibility: .*"status":200/);

    const requestId = crypto.randomUUID();
    const opened = await tool(client, "open_position_by_amount", { environment: "demo", instrumentId, side: "buy", amount: 100, leverage: 1, requestId });
    expect(opened.result.isError).toBeFalsy();
    expect(json(opened.text)).toMatchObject({ status: 200, requestId });

    const looked = await tool(client, "look_up_order", { requestId });
    expect(looked.result.isError).toBeFalsy();

    const direct = await callFrom(sandbox, EGRESS, "GET", "/api/v1/trading/info/demo/portfolio", { userKey: trader.secret });
    expect(direct.status).toBe(200);
    expect(direct.body.clientPortfolio.positions.some((p: { instrumentID: number }) => p.instrumentID === instrumentId)).toBe(true);
    const portfolio = await tool(client, "get_portfolio", {});
    expect(JSON.stringify(json(portfolio.text).answer)).toContain(`"instrumentID":${instrumentId}`);
    await client.close();

    await gateway.flushUsage();
    const usage = await tokenUsage(ledger.db, ACCOUNT, { userTokenId: trader.tokenId, userTokenName: "mcp-agent", agentPortfolioId: trader.portfolioId, agentPortfolioName: null }, Date.now());
    const viaOf = (operationId: string) => usage.operations.filter((o) => o.operationId === operationId).map((o) => o.via);
    expect(viaOf("openMarketPositionByAmountDemo")).toEqual(["mcp"]);
    expect(viaOf("getCostDemo")).toEqual(["mcp"]);
    expect(viaOf("searchForInstruments")).toEqual(["mcp"]);
    expect(usage.orders[0]).toMatchObject({ operationId: "openMarketPositionByAmountDemo", requestId, via: "mcp" });
    // The order is in the hash-chained ledger like any other gateway order.
    const events = await ledger.db.execute(sql`select action, request_id from ledger_events where request_id = ${requestId}`);
    expect((events as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(["gateway.order"]);
  });

  it("refuses a frozen token's trades within 1 s of the freeze, and still answers its reads", async () => {
    const trader = await mintTradingToken(sandbox);
    await register(trader);
    const client = await connect(trader.secret);
    const order = { instrumentId: 1001, side: "buy", amount: 50, leverage: 1 };
    expect((await tool(client, "open_position_by_amount", order)).result.isError).toBeFalsy();

    await markFrozen(ledger.db, [trader.tokenId], true);
    const frozenAt = performance.now();
    let refused: { result: CallToolResult; text: string } | null = null;
    while (!refused) {
      const attempt = await tool(client, "open_position_by_amount", order);
      if (attempt.result.isError) refused = attempt;
      else if (performance.now() - frozenAt > 5_000) throw new Error("never refused");
    }
    const elapsed = performance.now() - frozenAt;
    expect(elapsed).toBeLessThan(1_000);
    expect(json(refused.text)).toMatchObject({ outcome: "refused", status: 403, errorCode: "Forbidden" });
    expect(refused.text).toMatch(/frozen/);
    expect((await tool(client, "get_portfolio", {})).result.isError).toBeFalsy();
    await client.close();
  });

  it("answers a missing or unknown token with a 401 and WWW-Authenticate: Bearer", async () => {
    const initialize = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } });
    const none = await post(initialize, {});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="etoro-gateway"');
    expect((await none.json()).error.code).toBe(-32001);

    const unknown = await post(initialize, { authorization: "Bearer sk_sandbox_neverMintedByThisConsole0000000000" });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toMatch(/^Bearer realm="etoro-gateway", error="invalid_token"/);

    for (const method of ["GET", "DELETE"]) {
      const answer = await fetch(mcpUrl, { method, headers: { accept: "text/event-stream" } });
      expect(answer.status).toBe(405);
      expect(answer.headers.get("allow")).toBe("POST");
    }
  });

  it("serves the gateway's API reference beside the MCP door, without a token", async () => {
    const res = await fetch(mcpUrl.replace(/\/mcp$/, "/openapi.json"));
    expect(res.status).toBe(200);
    expect((await res.json()).servers).toEqual([{ url: "/gateway", description: "This console's agent gateway" }]);
  });

  it("answers malformed JSON-RPC with a JSON-RPC error and never a 5xx", async () => {
    const trader = await mintTradingToken(sandbox, { scopes: ["etoro-public:trade.demo:read"] });
    await register(trader);
    const auth = { authorization: `Bearer ${trader.secret}` };
    const bodies = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ jsonrpc: fc.oneof(fc.constant("2.0"), fc.string()), id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), method: fc.string(), params: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.array(fc.record({ jsonrpc: fc.constant("2.0"), id: fc.integer(), method: fc.constantFrom("tools/call", "tools/list", "initialize", "ping", "nope"), params: fc.jsonValue() })).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await post(body, auth);
        expect(res.status).toBeLessThan(500);
        const text = await res.text();
        if (res.status >= 400) expect(JSON.parse(text)).toMatchObject({ jsonrpc: "2.0", error: { code: expect.any(Number) } });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
    const tooBig = await post(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"${"a".repeat(70_000)}"}}`, auth);
    expect(tooBig.status).toBe(413);
  }, 120_000);

  it("keeps every secret out of tool results, logs and usage rows", async () => {
    await gateway.flushUsage();
    const rows = await Promise.all(
      ["usage_records", "gateway_tokens", "ledger_events"].map((t) => ledger.db.execute(sql.raw(`select t::text as row from ${t} t`))),
    );
    const stored = rows.map((r) => JSON.stringify((r as unknown as { rows: unknown[] }).rows)).join("\n");
    const via = await ledger.db.execute(sql`select count(*)::int as n from usage_records where via = 'mcp'`);
    expect((via as unknown as { rows: { n: number }[] }).rows[0].n).toBeGreaterThan(5);
    const everything = [stored, ...logs, ...results].join("\n");
    expect(results.length).toBeGreaterThan(5);
    expect(everything).not.toMatch(/sk_sandbox_[A-Za-z0-9]{20,}/);
    expect(everything).not.toContain(TEST_API_KEY);
    expect(everything).not.toContain(TOKEN_SECRET);
  });
});
