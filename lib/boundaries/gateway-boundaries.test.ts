/**
 * Risk boundaries enforced by the console's gateway over real HTTP: a sandbox
 * on port 0 as eToro, real gateway instances, the registry, budgets, approvals
 * and the ledger in a real database (PGlite in memory; a throwaway PostgreSQL
 * shared by two separate gateway instances). Tokens are minted through the
 * sandbox and given boundaries the way the console stores them (the row's
 * jsonb plus a new version, which every instance's registry picks up).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decideApproval } from "@/lib/approvals/decide";
import { openLedger, type LedgerDb, type OpenLedger } from "@/lib/db/open";
import { createMigratedPostgresDatabase, openTestLedger } from "@/lib/db/test-ledgers";
import { postgresSkipReason } from "@/lib/db/test-backends";
import { openConsoleGateway, type ConsoleGateway } from "@/lib/gateway/console-gateway";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted } from "@/lib/gateway/token-registry";
import { verifyLedger } from "@/lib/ledger/verify";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { TEST_API_KEY, control, testSandboxOptions } from "@/tests/support/sandbox-client";
import { mintTradingToken, type MintedToken } from "@/tests/support/trading-tokens";

const TOKEN_SECRET = "boundaries-test-token-secret-".padEnd(40, "k");
const ACCOUNT = "acct-boundaries-test";
const BY_AMOUNT = "/api/v1/trading/execution/demo/market-open-orders/by-amount";
const BY_UNITS = "/api/v1/trading/execution/demo/market-open-orders/by-units";
const PORTFOLIO = "/api/v1/trading/info/demo/portfolio";
const BY_AMOUNT_ROUTE = `POST ${BY_AMOUNT}`;
const RATES_ROUTE = "GET /api/v1/market-data/instruments/rates";
const order = (amount: number, extra: Record<string, unknown> = {}) => ({ InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: amount, ...extra });

type Served = { url: string; gateway: ConsoleGateway; server: Server };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Reply = { status: number; headers: Headers; body: any };
type Row = Record<string, unknown>;

async function serve(db: LedgerDb, sandbox: RunningSandbox, options: { now?: () => Date; approvalTtlMinutes?: number } = {}): Promise<Served> {
  const gateway = await openConsoleGateway({
    db: async () => db,
    tokenSecret: TOKEN_SECRET,
    upstreamBaseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    egressAddress: "127.0.0.2",
    upstreamTimeoutMs: 5_000,
    usageRetentionDays: 90,
    trustProxy: false,
    onError: () => undefined,
    ...options,
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

/**
 * Registers a minted token with boundaries, as the console stores them: the
 * jsonb and a new version, committed together with the registration (an
 * instance polling in between must never see the token without them).
 */
async function bounded(db: LedgerDb, sandbox: RunningSandbox, boundaries: Partial<TokenBoundaries>): Promise<MintedToken> {
  const token = await mintTradingToken(sandbox);
  await db.transaction(async (tx) => {
    await registerMinted(tx as unknown as LedgerDb, createTokenHasher(TOKEN_SECRET), {
      account: ACCOUNT,
      agentPortfolioId: token.portfolioId,
      userTokenId: token.tokenId,
      userTokenName: "agent",
      secret: token.secret,
      gatewayOnly: false,
      agentIps: [],
    });
    await tx.execute(
      sql`update gateway_tokens set boundaries = ${JSON.stringify(boundaries)}::jsonb, version = nextval('gateway_tokens_version_seq') where user_token_id = ${token.tokenId}`,
    );
  });
  return token;
}

async function agentCall(base: string, secret: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "x-user-key": secret, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function rows(db: LedgerDb, query: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

async function sandboxSaw(sandbox: RunningSandbox, route: string): Promise<number> {
  return (await control(sandbox, "GET", "/__sandbox/stats")).body.byRoute[route] ?? 0;
}

async function refusalsOf(db: LedgerDb, tokenId: string): Promise<Row[]> {
  return rows(db, sql`select error_code, after from ledger_events where action = 'gateway.refusal' and token_id = ${tokenId} order by seq`);
}

/**
 * 50 concurrent $100 orders against a $1,000 daily budget, spread over the
 * given gateway instances: exactly 10 go through, 40 are refused with the
 * budget's reason, the sandbox saw exactly 10, each alert is sent once.
 */
async function fiftyAgainstABudget(dbs: LedgerDb[], urls: string[], served: Served[], sandbox: RunningSandbox) {
  const token = await bounded(dbs[0], sandbox, { dailyBudgetUsdCents: 100_000 });
  const before = await sandboxSaw(sandbox, BY_AMOUNT_ROUTE);
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => agentCall(urls[i % urls.length], token.secret, "POST", BY_AMOUNT, order(100))));
  const forwarded = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 403);
  expect(forwarded).toHaveLength(10);
  expect(refused).toHaveLength(40);
  for (const r of refused) {
    expect(r.body).toMatchObject({
      errorCode: "BudgetExceeded",
      errorMessage: expect.stringMatching(/worth \$100\.00 and this token's daily budget has \$0\.00 of \$1,000\.00 left today/),
      boundary: { limit: "budget-day", valueUsdCents: 10_000, limitUsdCents: 100_000, leftUsdCents: 0 },
    });
  }
  expect((await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)) - before).toBe(10);
  await Promise.all(served.map((s) => s.gateway.flushUsage()));

  const db = dbs[0];
  expect(await rows(db, sql`select used_cents::int as used, alerted_percent from token_budgets where user_token_id = ${token.tokenId}`)).toEqual([{ used: 100_000, alerted_percent: 100 }]);
  const refusals = await refusalsOf(db, token.tokenId);
  expect(refusals).toHaveLength(40);
  for (const r of refusals) expect(r).toMatchObject({ error_code: "budget-day", after: { status: 403, boundary: { limit: "budget-day", valueUsdCents: 10_000, leftUsdCents: 0 } } });
  const orders = await rows(db, sql`select count(*)::int as n from ledger_events where action = 'gateway.order' and token_id = ${token.tokenId} and outcome = 'ok'`);
  expect(orders[0].n).toBe(10);
  const alerts = await rows(db, sql`select data from account_events where type = 'budget.threshold' and data->>'userTokenId' = ${token.tokenId} order by id`);
  expect(alerts.map((a) => (a.data as { percent: number }).percent)).toEqual([80, 100]);
  expect(alerts[1].data).toMatchObject({ period: "day", usedUsdCents: 100_000, budgetUsdCents: 100_000, userTokenName: "agent" });
  expect(await verifyLedger(db)).toMatchObject({ ok: true });
}

describe("risk boundaries at the gateway, against the sandbox, on PGlite", () => {
  let sandbox: RunningSandbox;
  let ledger: OpenLedger;
  let served: Served;
  let clock: Date | null = null;
  beforeAll(async () => {
    sandbox = await startSandbox(testSandboxOptions());
    ledger = await openTestLedger();
    served = await serve(ledger.db, sandbox, { now: () => clock ?? new Date() });
  }, 60_000);
  afterAll(async () => {
    await stop(served);
    await ledger.close();
    await sandbox.close();
  });

  it("50 concurrent $100 orders against a $1,000 daily budget on one instance: exactly 10 forwarded, 40 refused with the budget's reason", async () => {
    await fiftyAgainstABudget([ledger.db], [served.url], [served], sandbox);
  }, 60_000);

  it("one cent over the per-order limit is refused and an order at the limit goes through; instrument, leverage and read-only refusals say why, in the answer and the ledger", async () => {
    const db = ledger.db;
    const limited = await bounded(db, sandbox, { maxOrderUsdCents: 10_000, maxLeverage: 2, instrumentsAllowed: [1001, 1002] });
    const before = await sandboxSaw(sandbox, BY_AMOUNT_ROUTE);
    const over = await agentCall(served.url, limited.secret, "POST", BY_AMOUNT, order(100.01));
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject({
      errorCode: "OrderLimitExceeded",
      errorMessage: expect.stringMatching(/worth \$100\.01, above this token's most per order \(\$100\.00\)/),
      boundary: { limit: "order-limit", valueUsdCents: 10_001, limitUsdCents: 10_000 },
    });
    expect((await agentCall(served.url, limited.secret, "POST", BY_AMOUNT, order(100))).status).toBe(200);
    const outside = await agentCall(served.url, limited.secret, "POST", BY_AMOUNT, order(50, { InstrumentID: 1003 }));
    expect(outside).toMatchObject({ status: 403, body: { errorCode: "InstrumentNotAllowed", errorMessage: expect.stringMatching(/Instrument 1003 is not among/) } });
    const leverage = await agentCall(served.url, limited.secret, "POST", BY_AMOUNT, order(50, { Leverage: 5 }));
    expect(leverage).toMatchObject({ status: 403, body: { errorCode: "LeverageNotAllowed", errorMessage: expect.stringMatching(/Leverage 5 is above this token's most leverage \(2\)/) } });
    // Only the order at the limit reached eToro.
    expect((await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)) - before).toBe(1);

    const readOnly = await bounded(db, sandbox, { readOnly: true });
    expect((await agentCall(served.url, readOnly.secret, "GET", PORTFOLIO)).status).toBe(200);
    const write = await agentCall(served.url, readOnly.secret, "POST", BY_AMOUNT, order(10));
    expect(write).toMatchObject({ status: 403, body: { errorCode: "ReadOnlyToken", errorMessage: expect.stringMatching(/read-only at the gateway/) } });
    expect((await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)) - before).toBe(1);

    await served.gateway.flushUsage();
    expect((await refusalsOf(db, limited.tokenId)).map((r) => r.error_code)).toEqual(["order-limit", "instrument-not-allowed", "leverage"]);
    expect((await refusalsOf(db, limited.tokenId))[0].after).toMatchObject({ boundary: { limit: "order-limit", valueUsdCents: 10_001, limitUsdCents: 10_000 } });
    expect((await refusalsOf(db, readOnly.tokenId)).map((r) => r.error_code)).toEqual(["read-only"]);
    const usage = await rows(db, sql`select refusal, status from usage_records where user_token_id = ${limited.tokenId} and refusal is not null order by id`);
    expect(usage).toEqual([
      { refusal: "order-limit", status: 403 },
      { refusal: "instrument-not-allowed", status: 403 },
      { refusal: "leverage", status: 403 },
    ]);
    expect(await verifyLedger(db)).toMatchObject({ ok: true });
  });

  it("an order eToro refuses gives its reservation back; one that went through keeps it", async () => {
    const token = await bounded(ledger.db, sandbox, { dailyBudgetUsdCents: 50_000 });
    expect((await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(100))).status).toBe(200);
    // The sandbox offers AAPL at leverage 1, 2 or 5 only: eToro's 400, after the reservation was made.
    const refusedUpstream = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(100, { Leverage: 3 }));
    expect(refusedUpstream.status).toBe(400);
    // Given back just after the agent has its answer.
    await vi.waitFor(async () => expect(await rows(ledger.db, sql`select used_cents::int as used from token_budgets where user_token_id = ${token.tokenId}`)).toEqual([{ used: 10_000 }]));
  });

  it("units orders are valued at the gateway's cached rate: one rate read serves many orders", async () => {
    const token = await bounded(ledger.db, sandbox, { maxOrderUsdCents: 1_000_000 });
    const readsBefore = await sandboxSaw(sandbox, RATES_ROUTE);
    const units = { InstrumentID: 1001, IsBuy: true, Leverage: 1, AmountInUnits: 1 };
    for (let i = 0; i < 3; i++) expect((await agentCall(served.url, token.secret, "POST", BY_UNITS, units)).status).toBe(200);
    expect((await sandboxSaw(sandbox, RATES_ROUTE)) - readsBefore).toBe(1);
    // Counted: each read spends the agent's eToro quota.
    expect(await (await fetch(`${served.url}/metrics`)).text()).toMatch(/^gateway_rate_reads 1$/m);
    // AAPL trades near $190: 100 units are far above a $10,000 limit.
    const big = await agentCall(served.url, token.secret, "POST", BY_UNITS, { ...units, AmountInUnits: 100 });
    expect(big).toMatchObject({ status: 403, body: { errorCode: "OrderLimitExceeded", boundary: { limit: "order-limit" } } });
  });

  it("a token's request rate is enforced with a 429 and Retry-After", async () => {
    const token = await bounded(ledger.db, sandbox, { requestsPerMinute: 2 });
    expect((await agentCall(served.url, token.secret, "GET", "/api/v1/me")).status).toBe(200);
    expect((await agentCall(served.url, token.secret, "GET", "/api/v1/me")).status).toBe(200);
    const third = await agentCall(served.url, token.secret, "GET", "/api/v1/me");
    expect(third).toMatchObject({ status: 429, body: { errorCode: "TooManyRequests", errorMessage: expect.stringMatching(/2 requests a minute/) } });
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  describe("the approval protocol", () => {
    const approvalRules = { approval: { aboveUsdCents: 25_000, everyRealOrder: false, outsideInstrumentList: false }, dailyBudgetUsdCents: 100_000 };
    const decide = (id: string, decision: "approve" | "deny", reason?: string) => decideApproval(ledger.db, { id, account: ACCOUNT, decision, decidedBy: "person-fp", reason });

    it("an order above the threshold waits (202, not forwarded); the identical retry goes through once after approval; a second use is refused", async () => {
      const token = await bounded(ledger.db, sandbox, approvalRules);
      const before = await sandboxSaw(sandbox, BY_AMOUNT_ROUTE);
      const held = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300));
      expect(held.status).toBe(202);
      const id = held.body.approvalId as string;
      expect(held.headers.get("x-approval-id")).toBe(id);
      expect(held.body).toEqual({
        approvalId: id,
        status: "pending",
        expiresAt: expect.any(String),
        message: expect.stringMatching(/worth \$300\.00, above \$250\.00.*x-approval-id/),
        retryWith: { header: "x-approval-id" },
      });
      const ttl = Date.parse(held.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(9 * 60_000);
      expect(ttl).toBeLessThanOrEqual(10 * 60_000);

      // The same order sent again without the header does not ask the person twice.
      expect((await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300))).body.approvalId).toBe(id);
      expect(await rows(ledger.db, sql`select count(*)::int as n from approvals where user_token_id = ${token.tokenId}`)).toEqual([{ n: 1 }]);
      // Polling while it waits: the same id, still pending, still not forwarded.
      const polled = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300), { "x-approval-id": id });
      expect(polled).toMatchObject({ status: 202, body: { approvalId: id, status: "pending" } });
      expect((await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)) - before).toBe(0);

      expect(await decide(id, "approve")).toMatchObject({ status: "approved", decidedBy: "person-fp" });
      // The identical order, its keys in another order, is the same order.
      const retried = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, { Amount: 300, Leverage: 1, IsBuy: true, InstrumentID: 1001 }, { "x-approval-id": id });
      expect(retried.status).toBe(200);
      expect((await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)) - before).toBe(1);

      const again = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300), { "x-approval-id": id });
      expect(again).toMatchObject({ status: 409, body: { errorCode: "ApprovalUsed" } });
      expect((await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)) - before).toBe(1);
      // The approved order was charged to the budget like any other.
      expect(await rows(ledger.db, sql`select used_cents::int as used from token_budgets where user_token_id = ${token.tokenId}`)).toEqual([{ used: 30_000 }]);

      await served.gateway.flushUsage();
      const events = await rows(ledger.db, sql`select action, after from ledger_events where token_id = ${token.tokenId} and action in ('approval.request', 'approval.approve', 'gateway.order') order by seq`);
      expect(events.map((e) => e.action)).toEqual(["approval.request", "approval.approve", "gateway.order"]);
      expect(events[0].after).toMatchObject({ approvalId: id, order: { instrumentId: 1001, side: "buy", amountUsd: 300, valueUsdCents: 30_000, budgetLeftUsdCents: { day: 100_000 } } });
      expect(events[1].after).toMatchObject({ approvalId: id, decidedBy: "person-fp" });
      expect(events[2].after).toMatchObject({ approvalId: id, amount: 300 });
      const requested = await rows(ledger.db, sql`select data from account_events where type = 'approval.requested' and data->>'approvalId' = ${id}`);
      expect(requested).toHaveLength(1);
      expect(await verifyLedger(ledger.db)).toMatchObject({ ok: true });
    });

    it("a different order with an approval id is refused, and so is another token's approval", async () => {
      const token = await bounded(ledger.db, sandbox, approvalRules);
      const held = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300));
      const id = held.body.approvalId as string;
      await decide(id, "approve");
      const before = await sandboxSaw(sandbox, BY_AMOUNT_ROUTE);
      const other = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(400), { "x-approval-id": id });
      expect(other).toMatchObject({ status: 403, body: { errorCode: "ApprovalMismatch", errorMessage: expect.stringMatching(/for a different order/) } });
      const stranger = await bounded(ledger.db, sandbox, approvalRules);
      const borrowed = await agentCall(served.url, stranger.secret, "POST", BY_AMOUNT, order(300), { "x-approval-id": id });
      expect(borrowed).toMatchObject({ status: 403, body: { errorCode: "ApprovalNotFound" } });
      expect(await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)).toBe(before);
      // Still usable by its own order.
      expect((await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300), { "x-approval-id": id })).status).toBe(200);
    });

    it("a denial is refused with the person's reason; an expired approval is refused", async () => {
      const token = await bounded(ledger.db, sandbox, approvalRules);
      const denied = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300));
      await decide(denied.body.approvalId, "deny", "Too large for a Friday");
      const refused = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300), { "x-approval-id": denied.body.approvalId });
      expect(refused).toMatchObject({ status: 403, body: { errorCode: "ApprovalDenied", errorMessage: expect.stringMatching(/denied this order in the console: Too large for a Friday/) } });

      const expiring = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(301));
      const id = expiring.body.approvalId as string;
      await decide(id, "approve");
      // Eleven minutes later by the gateway's clock: past the default 10.
      clock = new Date(Date.now() + 11 * 60_000);
      try {
        const late = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(301), { "x-approval-id": id });
        expect(late).toMatchObject({ status: 403, body: { errorCode: "ApprovalExpired" } });
      } finally {
        clock = null;
      }
      // Expired in the database too: the use is conditional on expires_at > now().
      await ledger.db.execute(sql`update approvals set expires_at = now() - interval '1 second' where id = ${id}`);
      expect((await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(301), { "x-approval-id": id })).body.errorCode).toBe("ApprovalExpired");
      await served.gateway.flushUsage();
      const reasons = (await refusalsOf(ledger.db, token.tokenId)).map((r) => r.error_code);
      expect(reasons).toEqual(["approval-denied", "approval-expired", "approval-expired"]);
      const denial = await rows(ledger.db, sql`select after from ledger_events where action = 'approval.deny' and token_id = ${token.tokenId}`);
      expect(denial[0].after).toMatchObject({ approvalId: denied.body.approvalId, reason: "Too large for a Friday", decidedBy: "person-fp" });
    });

    it("a person cannot decide another account's approval, nor decide one twice", async () => {
      const token = await bounded(ledger.db, sandbox, approvalRules);
      const held = await agentCall(served.url, token.secret, "POST", BY_AMOUNT, order(300));
      const id = held.body.approvalId as string;
      expect(await decideApproval(ledger.db, { id, account: "someone-else", decision: "approve", decidedBy: "mallory" })).toBeNull();
      expect(await decide(id, "deny", "no")).toMatchObject({ status: "denied" });
      expect(await decide(id, "approve")).toBeNull();
    });
  });
});

describe.skipIf(!!postgresSkipReason)("risk boundaries across two gateway instances on one PostgreSQL", () => {
  let sandbox: RunningSandbox;
  let ledgers: OpenLedger[] = [];
  let a: Served;
  let b: Served;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    sandbox = await startSandbox(testSandboxOptions());
    const database = await createMigratedPostgresDatabase("boundaries_test");
    drop = database.drop;
    ledgers = [await openLedger({ databaseUrl: database.url }), await openLedger({ databaseUrl: database.url })];
    a = await serve(ledgers[0].db, sandbox);
    b = await serve(ledgers[1].db, sandbox);
  }, 60_000);
  afterAll(async () => {
    await stop(a);
    await stop(b);
    for (const ledger of ledgers) await ledger.close();
    await drop?.();
    await sandbox.close();
  }, 60_000);

  it("50 concurrent $100 orders against a $1,000 daily budget split across both: exactly 10 forwarded, 40 refused, the sandbox saw 10", async () => {
    await fiftyAgainstABudget([ledgers[0].db, ledgers[1].db], [a.url, b.url], [a, b], sandbox);
  }, 60_000);

  it("an approval is used once even when two instances receive the retry at the same moment", async () => {
    const token = await bounded(ledgers[0].db, sandbox, { approval: { aboveUsdCents: 25_000, everyRealOrder: false, outsideInstrumentList: false } });
    // Both instances know the token before the race.
    for (const s of [a, b]) expect((await agentCall(s.url, token.secret, "GET", "/api/v1/me")).status).toBe(200);
    const held = await agentCall(a.url, token.secret, "POST", BY_AMOUNT, order(300));
    await decideApproval(ledgers[1].db, { id: held.body.approvalId, account: ACCOUNT, decision: "approve", decidedBy: "person-fp" });
    const before = await sandboxSaw(sandbox, BY_AMOUNT_ROUTE);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => agentCall(i % 2 ? a.url : b.url, token.secret, "POST", BY_AMOUNT, order(300), { "x-approval-id": held.body.approvalId })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(9);
    expect((await sandboxSaw(sandbox, BY_AMOUNT_ROUTE)) - before).toBe(1);
  }, 60_000);
});
