/**
 * A token's boundaries as an MCP agent meets them, over real HTTP with the
 * official SDK's client: a sandbox on port 0 as eToro, the console gateway on
 * port 0 (registry, budgets, approvals, ledger in PGlite). An order above the
 * limit is refused with the reason in the tool result; one above the approval
 * threshold waits for a person; once approved, the same call goes through once.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideApproval } from "@/lib/approvals/decide";
import { type OpenLedger } from "@/lib/db/open";
import { openTestLedger } from "@/lib/db/test-ledgers";
import { openConsoleGateway, type ConsoleGateway } from "@/lib/gateway/console-gateway";
import { jsonLinesLog } from "@/lib/gateway/log";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted, setBoundaries } from "@/lib/gateway/token-registry";
import { tokenBoundariesSchema } from "@/lib/schemas/boundaries";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { TEST_API_KEY, control, testSandboxOptions } from "@/tests/support/sandbox-client";
import { mintTradingToken, type MintedToken } from "@/tests/support/trading-tokens";

const TOKEN_SECRET = "mcp-boundaries-token-secret-".padEnd(40, "b");
const ACCOUNT = "acct-mcp-boundaries";
const BY_AMOUNT_ROUTE = "POST /api/v1/trading/execution/demo/market-open-orders/by-amount";
const POLL_MS = 100;

let sandbox: RunningSandbox;
let ledger: OpenLedger;
let gateway: ConsoleGateway;
let server: Server;
let mcpUrl: string;

/** A trading token registered at the gateway with $500 per order and approval above $200. */
async function boundedToken(): Promise<MintedToken> {
  const token = await mintTradingToken(sandbox);
  await registerMinted(ledger.db, createTokenHasher(TOKEN_SECRET), {
    account: ACCOUNT,
    agentPortfolioId: token.portfolioId,
    userTokenId: token.tokenId,
    userTokenName: "mcp-bounded-agent",
    secret: token.secret,
    gatewayOnly: true,
    agentIps: [],
  });
  const boundaries = tokenBoundariesSchema.parse({ maxOrderUsdCents: 50_000, approval: { aboveUsdCents: 20_000 } });
  expect(await setBoundaries(ledger.db, ACCOUNT, token.tokenId, boundaries)).not.toBeNull();
  // The gateway's registry polls every POLL_MS; ten polls' time leaves a loaded machine room to hold the new boundaries.
  await new Promise((resolve) => setTimeout(resolve, POLL_MS * 10));
  return token;
}

async function connect(secret: string): Promise<Client> {
  const client = new Client({ name: "mcp-boundaries-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { authorization: `Bearer ${secret}` } } }));
  return client;
}

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<{ result: CallToolResult; text: string }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { result, text: result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n") };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(text: string): any {
  return JSON.parse(text.slice(text.indexOf("{")));
}

async function sandboxSaw(): Promise<number> {
  return (await control(sandbox, "GET", "/__sandbox/stats")).body.byRoute[BY_AMOUNT_ROUTE] ?? 0;
}

beforeAll(async () => {
  sandbox = await startSandbox(testSandboxOptions());
  ledger = await openTestLedger();
  gateway = await openConsoleGateway({
    db: async () => ledger.db,
    tokenSecret: TOKEN_SECRET,
    upstreamBaseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    egressAddress: "127.0.0.2",
    upstreamTimeoutMs: 5_000,
    usageRetentionDays: 90,
    trustProxy: false,
    registryPollMs: POLL_MS,
    log: jsonLinesLog(() => {}),
    onError: () => {},
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

describe("an MCP agent inside its token's boundaries", () => {
  it("is refused an order above the per-order limit, with the limit, the value and what is left in the tool result", async () => {
    const token = await boundedToken();
    const client = await connect(token.secret);
    const before = await sandboxSaw();
    const refused = await tool(client, "open_position_by_amount", { environment: "demo", instrumentId: 1001, side: "buy", amount: 600, leverage: 1 });
    expect(refused.result.isError).toBe(true);
    expect(json(refused.text)).toMatchObject({ outcome: "refused", status: 403 });
    expect(refused.text).toMatch(/worth \$600\.00, above this token's most per order \(\$500\.00\)/);
    expect(refused.text).toMatch(/at most \$500\.00/);
    expect((await sandboxSaw()) - before).toBe(0);
    await client.close();
  });

  it("waits for a person above the approval threshold, then goes through exactly once with the approval id", async () => {
    const token = await boundedToken();
    const client = await connect(token.secret);
    const before = await sandboxSaw();
    const requestId = crypto.randomUUID();
    const order = { environment: "demo", instrumentId: 1001, side: "buy", amount: 300, leverage: 1, requestId };

    const held = await tool(client, "open_position_by_amount", order);
    expect(held.result.isError).toBeFalsy();
    const waiting = json(held.text);
    expect(waiting).toMatchObject({ outcome: "waiting-for-approval", approvalId: expect.any(String), requestId });
    expect(held.text).toMatch(new RegExp(`Waiting for a person's approval: id ${waiting.approvalId}`));
    expect(waiting.message).toMatch(/\$300\.00/);
    const approvalId = waiting.approvalId as string;

    // Asking again while it waits: still waiting, nothing sent.
    const polled = await tool(client, "open_position_by_amount", { ...order, approvalId });
    expect(json(polled.text)).toMatchObject({ outcome: "waiting-for-approval", approvalId });
    expect((await sandboxSaw()) - before).toBe(0);

    expect(await decideApproval(ledger.db, { id: approvalId, account: ACCOUNT, decision: "approve", decidedBy: "person-fp" })).toMatchObject({ status: "approved" });

    const done = await tool(client, "open_position_by_amount", { ...order, approvalId });
    expect(done.result.isError).toBeFalsy();
    expect(json(done.text)).toMatchObject({ status: 200, requestId });
    expect((await sandboxSaw()) - before).toBe(1);

    const again = await tool(client, "open_position_by_amount", { ...order, approvalId });
    expect(again.result.isError).toBe(true);
    expect(json(again.text)).toMatchObject({ outcome: "refused", status: 409, errorCode: "ApprovalUsed" });
    expect((await sandboxSaw()) - before).toBe(1);
    await client.close();

    // The order's ledger row is written with its usage row, in the background.
    await gateway.flushUsage();
    const { rows } = (await ledger.db.execute(
      sql`select action from ledger_events where token_id = ${token.tokenId} and action in ('approval.request', 'approval.approve', 'gateway.order') order by seq`,
    )) as unknown as { rows: { action: string }[] };
    expect(rows.map((r) => r.action)).toEqual(["approval.request", "approval.approve", "gateway.order"]);
  });
});
