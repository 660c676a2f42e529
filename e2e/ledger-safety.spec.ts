import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { Client } from "pg";
import { openLedger } from "../lib/db/open";
import { ledgerEvents } from "../lib/db/schema";
import { verifyLedger } from "../lib/ledger/verify";
import { createPostgresDatabase, probePostgres } from "../lib/db/throwaway-database";
import { startConsole, waitUntilServing, type ConsoleProcess } from "./support/console-process";
import { ALICE, expect, sandbox, test } from "./support/fixtures";
import { APP_PORT, APP_URL } from "./support/ports";

/** Routes that change something, from the sandbox's per-route counts. */
const changes = (stats: { byRoute: Record<string, number> }) => Object.keys(stats.byRoute).filter((route) => !route.startsWith("GET "));

/**
 * The ledger cannot be lost: one process per PGlite directory, grants refused while
 * the ledger cannot record them, revocations kept in the outbox until it can; and a
 * mint whose answer timed out is looked up instead of left as a live token nobody
 * holds. These start their own consoles (ports APP_PORT+5…+7) against the suite's sandbox.
 */
const DEMO_READ = "etoro-public:trade.demo:read";
const DEMO_WRITE = "etoro-public:trade.demo:write";
const MINT = "POST /api/v2/agent-portfolios/{agentPortfolioId}/user-tokens";
const LIST = "GET /api/v1/agent-portfolios";

type Listed = { agentPortfolios: { agentPortfolioId: string; agentPortfolioName: string; userTokens: { userTokenId: string; userTokenName: string; scopeNames: string[] }[] }[] };

async function signedIn(url: string, userKey = ALICE): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: url, extraHTTPHeaders: { origin: url } });
  const res = await api.post("/api/session", { data: { userKey } });
  expect(res.status(), await res.text()).toBe(204);
  return api;
}

async function list(api: APIRequestContext): Promise<Listed> {
  const res = await api.get("/api/portfolios");
  expect(res.status()).toBe(200);
  return res.json();
}

const mintBody = (name: string, scopes = [DEMO_READ]) => ({ userTokenName: name, scopeNames: scopes, expiresAt: null });

test.describe("one process per PGlite directory", () => {
  test("a second npm start on the same directory refuses, naming it and the process holding it; the first keeps recording", async () => {
    test.setTimeout(240_000);
    const dir = mkdtempSync(path.join(tmpdir(), "apc-e2e-lock-"));
    const first = startConsole(APP_PORT + 5, { PGLITE_DATA_DIR: dir });
    let second: ConsoleProcess | undefined;
    let samePort: ConsoleProcess | undefined;
    try {
      await waitUntilServing(first);

      second = startConsole(APP_PORT + 6, { PGLITE_DATA_DIR: dir });
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`The ledger directory ${dir} is in use by process ${first.pid}`);

      // Same port, another directory: refused before that directory is even created.
      const otherDir = path.join(mkdtempSync(path.join(tmpdir(), "apc-e2e-lock-")), "ledger");
      samePort = startConsole(APP_PORT + 5, { PGLITE_DATA_DIR: otherDir });
      expect(await samePort.exited).not.toBe(0);
      expect(samePort.output()).toContain(`Port ${APP_PORT + 5} is taken`);
      expect(existsSync(otherDir)).toBe(false);

      // The first one is unharmed: a mint is recorded, and health says so by really writing.
      const api = await signedIn(first.url);
      const portfolio = (await list(api)).agentPortfolios[0];
      const minted = await api.post(`/api/portfolios/${portfolio.agentPortfolioId}/tokens`, { data: mintBody("after-second-start") });
      expect(minted.status()).toBe(201);
      const { token } = await minted.json();
      const health = await (await api.get("/api/health")).json();
      expect(health.ledger).toEqual({ writable: true, pending: 0 });
      await api.dispose();
      await first.stop();

      const ledger = await openLedger({ dataDir: dir });
      try {
        const rows = await ledger.db.select().from(ledgerEvents);
        expect(rows.find((r) => r.action === "token.mint" && r.tokenId === token.userTokenId)).toMatchObject({ outcome: "ok" });
        expect(await verifyLedger(ledger.db)).toMatchObject({ ok: true });
      } finally {
        await ledger.close();
      }
    } finally {
      await first.stop();
      await second?.stop();
      await samePort?.stop();
    }
  });
});

test.describe.serial("a console on PostgreSQL whose ledger goes down, and upstream timeouts", () => {
  let server: ConsoleProcess;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let outbox: string;
  let unreachable: string | null = null;

  const admin = async (statement: string) => {
    const client = new Client({ connectionString: process.env.LEDGER_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test" });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const ledgerRows = async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query("select action, outcome, error_code, token_id, portfolio_id, request_id from ledger_events order by seq")).rows;
    } finally {
      await client.end();
    }
  };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    unreachable = await probePostgres();
    if (unreachable) return;
    database = await createPostgresDatabase("apc_e2e_ledger");
    outbox = mkdtempSync(path.join(tmpdir(), "apc-e2e-outbox-"));
    server = startConsole(APP_PORT + 7, { DATABASE_URL: database.url, LEDGER_OUTBOX_DIR: outbox, ETORO_TIMEOUT_MS: "2500" });
    await waitUntilServing(server);
  });
  test.afterAll(async () => {
    await server?.stop();
    await admin(`ALTER DATABASE ${database?.name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await database?.drop();
  });
  test.beforeEach(() => test.skip(!!unreachable, `PostgreSQL unreachable: ${unreachable}`));

  test("ledger down: grants and sign-in refused with 503 before eToro is asked, revoke and narrowing go through, the outbox drains when it is back", async () => {
    test.setTimeout(120_000);
    const api = await signedIn(server.url);
    const alpha = (await list(api)).agentPortfolios.find((p) => p.agentPortfolioName === "AlphaBot")!;
    const [toNarrow, toRevoke] = alpha.userTokens;
    await sandbox.resetStats();

    await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}'`);

    const health = await api.get("/api/health");
    expect(health.status()).toBe(503);
    expect((await health.json()).ledger).toEqual({ writable: false, pending: 0 });

    const mint = await api.post(`/api/portfolios/${alpha.agentPortfolioId}/tokens`, { data: mintBody("while-down") });
    expect(mint.status()).toBe(503);
    expect((await mint.json()).error).toMatchObject({ code: "LedgerUnavailable", message: expect.stringContaining("Revoking and narrowing still work") });
    const create = await api.post("/api/portfolios", {
      data: { agentPortfolioName: "DownBot", investmentAmountInUsd: 500, ...mintBody("first") },
    });
    expect(create.status()).toBe(503);
    const widen = await api.patch(`/api/portfolios/${alpha.agentPortfolioId}/tokens/${toNarrow.userTokenId}`, {
      data: { scopeNames: [...toNarrow.scopeNames, DEMO_WRITE], acknowledgeRisk: true },
    });
    expect(widen.status()).toBe(503);
    expect(changes(await sandbox.stats())).toEqual([]); // none of them reached eToro

    const narrow = await api.patch(`/api/portfolios/${alpha.agentPortfolioId}/tokens/${toNarrow.userTokenId}`, {
      data: { expiresAt: new Date(Date.now() + 5 * 60_000).toISOString() },
    });
    expect(narrow.status()).toBe(204);
    const revoke = await api.delete(`/api/portfolios/${alpha.agentPortfolioId}/tokens/${toRevoke.userTokenId}`);
    expect(revoke.status()).toBe(204);
    expect(readdirSync(outbox).filter((f) => f.endsWith(".json"))).toHaveLength(2);
    expect((await (await api.get("/api/health")).json()).ledger).toEqual({ writable: false, pending: 2 });

    // Sign-in's guessing limit lives in the ledger: refused rather than unthrottled.
    const other = await playwrightRequest.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } });
    const signIn = await other.post("/api/session", { data: { userKey: ALICE } });
    expect(signIn.status()).toBe(503);
    expect((await signIn.json()).error.code).toBe("LedgerUnavailable");
    await other.dispose();

    await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
    await expect
      .poll(async () => (await (await api.get("/api/health")).json()).ledger, { timeout: 30_000 })
      .toEqual({ writable: true, pending: 0 });
    const rows = await ledgerRows();
    expect(rows.filter((r) => r.action === "token.revoke" && r.token_id === toRevoke.userTokenId)).toMatchObject([{ outcome: "ok" }]);
    expect(rows.filter((r) => r.action === "token.update" && r.token_id === toNarrow.userTokenId)).toMatchObject([{ outcome: "ok" }]);
    expect(rows.some((r) => r.action === "token.mint")).toBe(false);
    expect(readdirSync(outbox).filter((f) => f.endsWith(".json"))).toEqual([]);
    await api.dispose();
  });

  test("a mint whose answer timed out is looked up: created, so its secret is lost and it can be revoked", async () => {
    test.setTimeout(120_000);
    const api = await signedIn(server.url);
    const alpha = (await list(api)).agentPortfolios.find((p) => p.agentPortfolioName === "AlphaBot")!;
    await sandbox.fault({ lateAnswerMs: 6_000, match: { method: "POST", path: "/user-tokens$" }, times: 1 });
    await sandbox.resetStats();

    const res = await api.post(`/api/portfolios/${alpha.agentPortfolioId}/tokens`, { data: mintBody("answer-lost") });
    expect(res.status()).toBe(502);
    const { error } = await res.json();
    expect(error.code).toBe("SecretLost");
    expect(error.message).toContain('the token "answer-lost" was created, but its secret was lost. Revoke it');
    expect(error.secretLost).toMatchObject({ portfolioId: alpha.agentPortfolioId, tokenName: "answer-lost" });
    expect(JSON.stringify(error)).not.toMatch(/sk_sandbox_/);
    const stats = await sandbox.stats();
    expect(stats.byRoute[MINT]).toBe(1);
    expect(stats.byRoute[LIST]).toBe(1); // exactly one read to find out

    const row = (await ledgerRows()).find((r) => r.action === "token.mint" && r.token_id === error.secretLost.tokenId);
    expect(row).toMatchObject({ outcome: "partial", error_code: "SecretLost" });

    const revoked = await api.delete(`/api/portfolios/${alpha.agentPortfolioId}/tokens/${error.secretLost.tokenId}`);
    expect(revoked.status()).toBe(204);
    await api.dispose();
  });

  test("a mint that timed out and is not in the list says so; a create that timed out is found too", async () => {
    test.setTimeout(120_000);
    const api = await signedIn(server.url);
    const alpha = (await list(api)).agentPortfolios.find((p) => p.agentPortfolioName === "AlphaBot")!;
    await sandbox.fault({ latencyMs: 6_000, match: { method: "POST", path: "/user-tokens$" }, times: 1 });
    const slow = await api.post(`/api/portfolios/${alpha.agentPortfolioId}/tokens`, { data: mintBody("never-seen") });
    expect(slow.status()).toBe(504);
    const { error } = await slow.json();
    expect(error.code).toBe("UpstreamTimeout");
    expect(error.message).toContain("eToro did not answer within 2.5 s.");
    expect(error.message).toContain("not in your list just read");

    await sandbox.fault({ lateAnswerMs: 6_000, match: { method: "POST", path: "/agent-portfolios$" }, times: 1 });
    const created = await api.post("/api/portfolios", { data: { agentPortfolioName: "LateBot", investmentAmountInUsd: 500, ...mintBody("first") } });
    expect(created.status()).toBe(502);
    const lost = (await created.json()).error;
    expect(lost.code).toBe("SecretLost");
    expect(lost.secretLost).toMatchObject({ tokenName: "first" });
    expect(lost.secretLost.tokenId).toBeTruthy();
    await api.dispose();
  });

  test("a timed-out sign-in says eToro did not answer in time, never that something may have changed", async () => {
    await sandbox.fault({ latencyMs: 6_000, match: { method: "GET" }, times: 1 });
    const api = await playwrightRequest.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } });
    const res = await api.post("/api/session", { data: { userKey: ALICE } });
    expect(res.status()).toBe(504);
    const { error } = await res.json();
    expect(error.message).toBe("eToro did not answer within 2.5 s. Try again in a moment.");
    expect(error.message).not.toMatch(/change/);
    await api.dispose();
  });

  test("after many wrong keys from one address, the right key still signs in; the same wrong key is throttled", async () => {
    test.setTimeout(120_000);
    const api = await playwrightRequest.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } });
    for (let i = 0; i < 10; i++) {
      expect((await api.post("/api/session", { data: { userKey: `wrong-key-${i}` } })).status()).toBe(401);
    }
    for (let i = 0; i < 10; i++) {
      expect((await api.post("/api/session", { data: { userKey: "stale-key" } })).status()).toBe(401);
    }
    const again = await api.post("/api/session", { data: { userKey: "stale-key" } });
    expect(again.status()).toBe(429);
    expect((await again.json()).error.message).toContain("with this key");
    expect((await api.post("/api/session", { data: { userKey: ALICE } })).status()).toBe(204);
    await api.dispose();
  });

  test("the Revoke offer in the mint dialog revokes a token whose secret was lost", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${server.url}/login`);
    await page.getByLabel("User key").fill(ALICE);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
    await sandbox.fault({ lateAnswerMs: 6_000, match: { method: "POST", path: "/user-tokens$" }, times: 1 });

    await page.getByRole("region", { name: "AlphaBot" }).getByRole("button", { name: "Mint token" }).click();
    const wizard = page.getByRole("dialog", { name: "Mint token for AlphaBot" });
    await wizard.getByLabel("Token name").fill("ui-lost");
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
    for (let i = 0; i < 4; i++) await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("button", { name: "Mint token" }).click();

    await expect(wizard.getByRole("alert").first()).toContainText("the secret was lost", { timeout: 30_000 });
    if (process.env.SCREENSHOTS) {
      for (const theme of ["light", "dark"]) {
        await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await page.screenshot({ path: `screenshots/lost-secret-revoke-${theme}-${width}.png` });
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await wizard.getByRole("button", { name: "Revoke ui-lost now" }).click();
    await expect(wizard.getByRole("status")).toContainText("Revoked ui-lost");
    const api = await signedIn(server.url);
    const names = (await list(api)).agentPortfolios.flatMap((p) => p.userTokens.map((t) => t.userTokenName));
    expect(names).not.toContain("ui-lost");
    await api.dispose();
  });
});

test.describe("refused at the BFF, never sent to eToro", () => {
  test("names with control characters or hidden direction marks: 400 naming the field", async () => {
    const api = await signedIn(APP_URL);
    const portfolioId = (await list(api)).agentPortfolios[0].agentPortfolioId;
    await sandbox.resetStats();
    const cases: [string, string, object][] = [
      ["/api/portfolios", "agentPortfolioName", { agentPortfolioName: "Alp\u202eha1", investmentAmountInUsd: 500, ...mintBody("first") }],
      ["/api/portfolios", "agentPortfolioName", { agentPortfolioName: "Alpha\u00001", investmentAmountInUsd: 500, ...mintBody("first") }],
      ["/api/portfolios", "agentPortfolioDescription", { agentPortfolioName: "Alpha12", investmentAmountInUsd: 500, agentPortfolioDescription: "a \u2066b\u2069", ...mintBody("first") }],
      ["/api/portfolios", "userTokenName", { agentPortfolioName: "Alpha12", investmentAmountInUsd: 500, ...mintBody("fir\u200fst") }],
      [`/api/portfolios/${portfolioId}/tokens`, "userTokenName", mintBody("bot\u202e1")],
      [`/api/portfolios/${portfolioId}/tokens`, "userTokenName", mintBody("bot\u00001")],
    ];
    for (const [url, field, data] of cases) {
      const res = await api.post(url, { data });
      expect(res.status(), `${field} ${JSON.stringify(data)}`).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("ValidationFailed");
      expect(Object.keys(error.fields)).toEqual([field]);
    }
    expect(changes(await sandbox.stats())).toEqual([]);
    await api.dispose();
  });

  test("twenty identical concurrent mints: one reaches eToro, one 201, the others 409 without the secret", async () => {
    const api = await signedIn(APP_URL);
    const portfolioId = (await list(api)).agentPortfolios[0].agentPortfolioId;
    await sandbox.fault({ latencyMs: 3_000, match: { method: "POST" } });
    await sandbox.resetStats();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => api.post(`/api/portfolios/${portfolioId}/tokens`, { data: mintBody("twenty-at-once") })),
    );
    const statuses = replies.map((r) => r.status()).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const reply of replies.filter((r) => r.status() === 409)) {
      const body = await reply.text();
      expect(JSON.parse(body).error.code).toBe("AlreadyInProgress");
      expect(JSON.parse(body).error.message).toContain("The same mint is already in progress");
      expect(body).not.toMatch(/sk_sandbox_/);
    }
    expect((await sandbox.stats()).byRoute[MINT]).toBe(1);
    await api.dispose();
  });
});
