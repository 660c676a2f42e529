/**
 * The console's gateway over real HTTP: a sandbox on port 0 as eToro, the
 * registry and usage in a real database (PGlite in memory, and a throwaway
 * PostgreSQL), tokens minted through the sandbox's agent-portfolio API.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openLedger, type LedgerDb, type OpenLedger } from "@/lib/db/open";
import { createMigratedPostgresDatabase, openTestLedger } from "@/lib/db/test-ledgers";
import { postgresSkipReason } from "@/lib/db/test-backends";
import { verifyLedger } from "@/lib/ledger/verify";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { TEST_API_KEY, control, testSandboxOptions } from "@/tests/support/sandbox-client";
import { callFrom, mintTradingToken, type MintedToken } from "@/tests/support/trading-tokens";
import { openConsoleGateway, type ConsoleGateway } from "./console-gateway";
import { createTokenHasher } from "./token-hash";
import { markFrozen, markRevoked, registerMinted } from "./token-registry";
import { pruneUsage } from "./usage-store";

const TOKEN_SECRET = "gateway-test-token-secret-".padEnd(40, "k");
const ACCOUNT = "acct-gateway-test";
const EGRESS = "127.0.0.2";
const DEMO_PORTFOLIO = "/api/v1/trading/info/demo/portfolio";
const DEMO_OPEN = "/api/v1/trading/execution/demo/market-open-orders/by-amount";
const ORDER = { InstrumentID: 1001, IsBuy: true, Leverage: 2, Amount: 100 };

type Served = { url: string; gateway: ConsoleGateway; server: Server };

async function serve(db: LedgerDb, sandbox: RunningSandbox): Promise<Served> {
  const gateway = await openConsoleGateway({
    db: async () => db,
    tokenSecret: TOKEN_SECRET,
    upstreamBaseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    egressAddress: EGRESS,
    upstreamTimeoutMs: 5_000,
    usageRetentionDays: 90,
    trustProxy: false,
    onError: () => undefined,
  });
  const server = createServer((req, res) => gateway.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`, gateway, server };
}

async function stop(served: Served) {
  served.server.closeAllConnections();
  await new Promise((resolve) => served.server.close(resolve));
  await served.gateway.close();
}

async function register(db: LedgerDb, token: MintedToken, extra: { gatewayOnly?: boolean; agentIps?: string[] } = {}) {
  await registerMinted(db, createTokenHasher(TOKEN_SECRET), {
    account: ACCOUNT,
    agentPortfolioId: token.portfolioId,
    userTokenId: token.tokenId,
    userTokenName: "agent",
    secret: token.secret,
    gatewayOnly: extra.gatewayOnly ?? false,
    agentIps: extra.agentIps ?? [],
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function agentCall(base: string, secret: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "x-user-key": secret, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls until `check` holds (the registry is re-read every 250 ms); fails after `ms`. */
async function eventually<T>(ms: number, attempt: () => Promise<T>, check: (value: T) => boolean): Promise<{ value: T; elapsedMs: number }> {
  const started = performance.now();
  for (;;) {
    const value = await attempt();
    const elapsedMs = performance.now() - started;
    if (check(value)) return { value, elapsedMs };
    if (elapsedMs > ms) throw new Error(`not within ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function dump(db: LedgerDb): Promise<string> {
  const tables = ["usage_records", "gateway_tokens", "ledger_events"];
  const texts = await Promise.all(tables.map((t) => db.execute(sql.raw(`select t::text as row from ${t} t`))));
  return texts.map((r) => JSON.stringify((r as unknown as { rows: unknown[] }).rows)).join("\n");
}

describe("the console gateway, against the sandbox, on PGlite", () => {
  let sandbox: RunningSandbox;
  let ledger: OpenLedger;
  let served: Served;
  beforeAll(async () => {
    sandbox = await startSandbox(testSandboxOptions());
    ledger = await openTestLedger();
    served = await serve(ledger.db, sandbox);
  }, 60_000);
  afterAll(async () => {
    await stop(served);
    await ledger.close();
    await sandbox.close();
  });

  it("forwards a read and a demo order as the sandbox answers them, and records usage, the order and a refusal", async () => {
    const token = await mintTradingToken(sandbox);
    await register(ledger.db, token);
    // Usable at once: a registry miss reads the latest changes before answering.
    expect((await agentCall(served.url, token.secret, "GET", DEMO_PORTFOLIO)).status).toBe(200);

    const order = await agentCall(served.url, token.secret, "POST", DEMO_OPEN, ORDER);
    expect(order.status).toBe(200);
    const direct = await callFrom(sandbox, EGRESS, "GET", DEMO_PORTFOLIO, { userKey: token.secret });
    const read = await agentCall(served.url, token.secret, "GET", DEMO_PORTFOLIO);
    expect(read).toEqual({ status: 200, body: direct.body });
    const unknownOp = await agentCall(served.url, token.secret, "GET", "/api/v1/trading/info/demo/nothing-here");
    expect(unknownOp.status).toBe(404);
    await served.gateway.flushUsage();

    const rows = await ledger.db.execute(sql`select * from usage_records where user_token_id = ${token.tokenId} order by id`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const usage = (rows as unknown as { rows: any[] }).rows;
    const orderRow = usage.find((r) => r.operation_id.startsWith("open") && r.status === 200);
    expect(orderRow).toMatchObject({
      account: ACCOUNT,
      agent_portfolio_id: token.portfolioId,
      environment: "demo",
      write: true,
      instrument: "1001",
      side: "buy",
      amount: 100,
      leverage: 2,
      refusal: null,
    });
    expect(orderRow.order_id ?? orderRow.position_id).not.toBeNull();
    expect(usage.filter((r) => r.operation_id === "getDemoPortfolio" || r.environment === "demo").length).toBeGreaterThanOrEqual(3);

    const events = await ledger.db.execute(sql`select action, outcome, error_code, token_id, after from ledger_events order by seq`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const actions = (events as unknown as { rows: any[] }).rows;
    expect(actions.filter((e) => e.action === "gateway.order")).toEqual([
      expect.objectContaining({ outcome: "ok", token_id: token.tokenId, after: expect.objectContaining({ instrument: 1001, side: "buy", amount: 100, leverage: 2, status: 200 }) }),
    ]);
    expect(await verifyLedger(ledger.db)).toMatchObject({ ok: true });
  });

  it("refuses a token the console never minted with a 401 that says to roll it, in eToro's shape", async () => {
    const stranger = await mintTradingToken(sandbox);
    const refused = await agentCall(served.url, stranger.secret, "GET", DEMO_PORTFOLIO);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errorCode: "Unauthorized", errorMessage: expect.stringMatching(/not minted by this console: roll it in the console/) });
  });

  it("a frozen token's order gets a 403 that says so while its reads still work; revoked gets a 401; both in the ledger as refusals", async () => {
    const token = await mintTradingToken(sandbox);
    await register(ledger.db, token);
    expect((await agentCall(served.url, token.secret, "GET", DEMO_PORTFOLIO)).status).toBe(200);

    await markFrozen(ledger.db, [token.tokenId], true);
    await eventually(1_000, () => agentCall(served.url, token.secret, "POST", DEMO_OPEN, ORDER), (r) => r.status === 403);
    const upstreamBefore = (await control(sandbox, "GET", "/__sandbox/stats")).body.total;
    const frozen = await agentCall(served.url, token.secret, "POST", DEMO_OPEN, ORDER);
    expect(frozen.body).toEqual({ errorCode: "Forbidden", errorMessage: expect.stringMatching(/frozen in the console: reads still work; unfreeze it in the console/) });
    // Refused at the gateway: eToro never heard of it.
    expect((await control(sandbox, "GET", "/__sandbox/stats")).body.total).toBe(upstreamBefore);
    expect((await agentCall(served.url, token.secret, "GET", DEMO_PORTFOLIO)).status).toBe(200);

    await markFrozen(ledger.db, [token.tokenId], false);
    await eventually(1_000, () => agentCall(served.url, token.secret, "POST", DEMO_OPEN, ORDER), (r) => r.status === 200);

    await markRevoked(ledger.db, [token.tokenId]);
    const { value: revoked } = await eventually(1_000, () => agentCall(served.url, token.secret, "GET", DEMO_PORTFOLIO), (r) => r.status === 401);
    expect(revoked.body.errorMessage).toMatch(/revoked in the console/);
    await served.gateway.flushUsage();

    const events = await ledger.db.execute(sql`select error_code from ledger_events where action = 'gateway.refusal' and token_id = ${token.tokenId}`);
    const reasons = (events as unknown as { rows: { error_code: string }[] }).rows.map((r) => r.error_code);
    expect(reasons).toEqual(expect.arrayContaining(["frozen", "revoked"]));
    expect(await verifyLedger(ledger.db)).toMatchObject({ ok: true });
  });

  it("a gateway-only token works through the gateway, is refused by the sandbox when called directly, and its agent allow-list is checked", async () => {
    const token = await mintTradingToken(sandbox, { ips: [EGRESS] });
    await register(ledger.db, token, { gatewayOnly: true });
    const direct = await callFrom(sandbox, "127.0.0.1", "GET", DEMO_PORTFOLIO, { userKey: token.secret });
    expect(direct.status).toBe(403);
    expect(direct.body.errorCode).toBe("IpNotAllowed");
    await eventually(1_000, () => agentCall(served.url, token.secret, "GET", DEMO_PORTFOLIO), (r) => r.status === 200);

    const fenced = await mintTradingToken(sandbox, { ips: [EGRESS] });
    await register(ledger.db, fenced, { gatewayOnly: true, agentIps: ["203.0.113.7"] });
    const { value: notListed } = await eventually(1_000, () => agentCall(served.url, fenced.secret, "GET", DEMO_PORTFOLIO), (r) => r.status === 403);
    expect(notListed.body.errorMessage).toMatch(/not on the token's agent allow-list in the console/i);
  });

  it("serves its health and Prometheus metrics", async () => {
    const health = await fetch(`${served.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: true, upstream: sandbox.url, usagePending: expect.any(Number) });
    const metrics = await (await fetch(`${served.url}/metrics`)).text();
    for (const name of ["gateway_requests_total", "gateway_request_duration_seconds_bucket", "gateway_refusals_total", "gateway_usage_rows_pending"]) {
      expect(metrics).toContain(name);
    }
    expect(metrics).toMatch(/gateway_refusals_total\{reason="unknown-token"\} [1-9]/);
  });

  it("a clean shutdown writes every usage row still pending", async () => {
    const token = await mintTradingToken(sandbox);
    await register(ledger.db, token);
    const second = await serve(ledger.db, sandbox);
    for (let i = 0; i < 25; i++) expect((await agentCall(second.url, token.secret, "GET", "/api/v1/me")).status).toBe(200);
    // Well inside the batcher's 1 s interval: nothing has been written yet, close must write it.
    await stop(second);
    const rows = await ledger.db.execute(sql`select count(*)::int as n from usage_records where user_token_id = ${token.tokenId}`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0].n).toBe(25);
  });

  it("retention deletes usage rows older than the kept days, and only those", async () => {
    const token = await mintTradingToken(sandbox);
    // A day's margin either side of the cutoff: no clock can cross it during the test.
    const now = new Date();
    const old = new Date(now.getTime() - 91 * 86_400_000).toISOString();
    const recent = new Date(now.getTime() - 89 * 86_400_000).toISOString();
    for (const at of [old, old, recent]) {
      await ledger.db.execute(sql`insert into usage_records (at, account, user_token_id, agent_portfolio_id, operation_id, environment, write, status, latency_ms, request_id, client_address)
        values (${at}::timestamptz, ${ACCOUNT}, ${token.tokenId}, ${token.portfolioId}, 'getAuthenticatedUserProfile', 'none', false, 200, 1, 'r', '127.0.0.1')`);
    }
    expect(await pruneUsage(ledger.db, 90, now)).toBe(2);
    const left = await ledger.db.execute(sql`select count(*)::int as n from usage_records where user_token_id = ${token.tokenId}`);
    expect((left as unknown as { rows: { n: number }[] }).rows[0].n).toBe(1);
  });

  it("no minted secret is anywhere in the database", async () => {
    const token = await mintTradingToken(sandbox);
    await register(ledger.db, token);
    await eventually(1_000, () => agentCall(served.url, token.secret, "POST", DEMO_OPEN, ORDER), (r) => r.status === 200);
    await served.gateway.flushUsage();
    const text = await dump(ledger.db);
    expect(text).toContain(token.tokenId);
    expect(text).not.toContain(token.secret);
    expect(text).not.toMatch(/sk_sandbox_/);
  });
});

describe.skipIf(!!postgresSkipReason)("two gateway instances on one PostgreSQL", () => {
  let sandbox: RunningSandbox;
  let ledgers: OpenLedger[] = [];
  let a: Served;
  let b: Served;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    sandbox = await startSandbox(testSandboxOptions());
    const database = await createMigratedPostgresDatabase("gateway_test");
    drop = database.drop;
    ledgers = [await openLedger({ databaseUrl: database.url }), await openLedger({ databaseUrl: database.url })];
    a = await serve(ledgers[0].db, sandbox);
    b = await serve(ledgers[1].db, sandbox);
  }, 60_000);
  afterEach(async () => {
    await Promise.all([a.gateway.flushUsage(), b.gateway.flushUsage()]);
  });
  afterAll(async () => {
    await stop(a);
    await stop(b);
    for (const ledger of ledgers) await ledger.close();
    await drop?.();
    await sandbox.close();
  }, 60_000);

  it("a freeze written through one instance stops orders through the other within 1 s", async () => {
    const token = await mintTradingToken(sandbox);
    await register(ledgers[0].db, token);
    await eventually(1_000, () => agentCall(b.url, token.secret, "POST", DEMO_OPEN, ORDER), (r) => r.status === 200);
    await markFrozen(ledgers[0].db, [token.tokenId], true);
    const { elapsedMs } = await eventually(1_000, () => agentCall(b.url, token.secret, "POST", DEMO_OPEN, ORDER), (r) => r.status === 403);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it("2,000 requests split across both instances leave exactly 2,000 usage records", async () => {
    const token = await mintTradingToken(sandbox);
    await register(ledgers[0].db, token);
    await eventually(1_000, () => agentCall(b.url, token.secret, "GET", "/api/v1/me"), (r) => r.status === 200);
    await eventually(1_000, () => agentCall(a.url, token.secret, "GET", "/api/v1/me"), (r) => r.status === 200);
    await Promise.all([a.gateway.flushUsage(), b.gateway.flushUsage()]);
    const before = await ledgers[0].db.execute(sql`select count(*)::int as n from usage_records where user_token_id = ${token.tokenId}`);
    const already = (before as unknown as { rows: { n: number }[] }).rows[0].n;

    const statuses: number[] = [];
    for (let wave = 0; wave < 20; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => agentCall(i % 2 === 0 ? a.url : b.url, token.secret, "GET", "/api/v1/me")),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(2_000);
    await Promise.all([a.gateway.flushUsage(), b.gateway.flushUsage()]);
    const after = await ledgers[0].db.execute(sql`select count(*)::int as n from usage_records where user_token_id = ${token.tokenId}`);
    expect((after as unknown as { rows: { n: number }[] }).rows[0].n - already).toBe(2_000);
  }, 60_000);
});
