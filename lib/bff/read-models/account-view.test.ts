import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { ALICE, TEST_API_KEY, control, testSandboxOptions } from "@/tests/support/sandbox-client";
import { testRequest } from "@/tests/support/next-request";
import { seedPgliteDir } from "@/lib/db/test-ledgers";

/**
 * accountView() against the real sandbox over HTTP and a real PGlite ledger: one view
 * per upstream list load, shared by every read until the list is loaded again, and
 * the ledger's facts folded in when it is. The request scope (next/headers) is the
 * only stand-in: a signed-in cookie is not what is under test here.
 */
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
  headers: async () => new Headers(),
}));

const alice = { apiKey: TEST_API_KEY, userKey: ALICE };
const req = testRequest("GET", { path: "/api/portfolios" });
const saved = { ...process.env };
let sandbox: RunningSandbox;
let tmp: string;

beforeAll(async () => {
  sandbox = await startSandbox(testSandboxOptions());
  tmp = mkdtempSync(path.join(tmpdir(), "account-view-"));
  delete process.env.DATABASE_URL;
  delete process.env.LEDGER_OUTBOX_DIR;
  process.env.PGLITE_DATA_DIR = path.join(tmp, "ledger");
  await seedPgliteDir(process.env.PGLITE_DATA_DIR);
  process.env.ETORO_API_BASE_URL = sandbox.url;
  process.env.ETORO_API_KEY = TEST_API_KEY;
  process.env.SESSION_SECRET = "x".repeat(40);
  // Opening PGlite blocks this process (the sandbox's too) for a second or more: over before any read is timed.
  const { getLedgerDb } = await import("@/lib/db/process-db");
  await getLedgerDb();
}, 120_000);
afterAll(async () => {
  const { closeLedgerDb } = await import("@/lib/db/process-db");
  await closeLedgerDb();
  await sandbox?.close();
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
});

const listCalls = async () => (await control(sandbox, "GET", "/__sandbox/stats")).body.byRoute["GET /api/v1/agent-portfolios"] ?? 0;

describe("accountView()", () => {
  it("is built once per upstream list load and shared by every read until the list is loaded again", async () => {
    const { accountView } = await import("./account-view");
    const { listPortfolios } = await import("@/lib/etoro/agent-portfolios");
    await control(sandbox, "POST", "/__sandbox/stats/reset");

    const [a, b] = await Promise.all([accountView(req, alice), accountView(req, alice)]);
    const c = await accountView(req, alice);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(await listCalls()).toBe(1);
    expect(JSON.parse(a.json)).toEqual(a.list);
    expect(a.list.agentPortfolios.length).toBeGreaterThan(0);

    // A mutation drops the list (as every BFF mutation does): the next read is a new view.
    await listPortfolios(alice, { fresh: true });
    const d = await accountView(req, alice);
    expect(d).not.toBe(a);
    expect(d.json).toBe(a.json.replace(a.list.fetchedAt, d.list.fetchedAt));
  }, 60_000);

  it("folds in what the ledger knows when the list is next loaded: a minted token's secret hint", async () => {
    const { accountView } = await import("./account-view");
    const { listPortfolios } = await import("@/lib/etoro/agent-portfolios");
    const { getLedgerDb } = await import("@/lib/db/process-db");
    const { appendEvent } = await import("@/lib/ledger/append");
    const { accountFingerprint } = await import("@/lib/session");

    const before = await accountView(req, alice);
    const token = before.list.agentPortfolios.flatMap((p) => p.userTokens)[0];
    expect(token.secretHint).toBeNull();
    await appendEvent(await getLedgerDb(), {
      account: accountFingerprint(alice),
      action: "token.mint",
      outcome: "ok",
      tokenId: token.userTokenId,
      tokenName: token.userTokenName,
      secretHint: "wxyz",
    });
    // Same list load, same view: the ledger is read once per load, not per read.
    expect((await accountView(req, alice)).list).toBe(before.list);

    await listPortfolios(alice, { fresh: true });
    const after = await accountView(req, alice);
    expect(after.list.agentPortfolios.flatMap((p) => p.userTokens).find((t) => t.userTokenId === token.userTokenId)?.secretHint).toBe("wxyz");
  }, 60_000);

  it("a ledger that cannot answer leaves the facts out of the view, which is then not kept", async () => {
    const { accountView } = await import("./account-view");
    const { listPortfolios } = await import("@/lib/etoro/agent-portfolios");
    const { closeLedgerDb } = await import("@/lib/db/process-db");
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const dataDir = process.env.PGLITE_DATA_DIR;
    await closeLedgerDb();
    writeFileSync(path.join(tmp, "not-a-directory"), "");
    process.env.PGLITE_DATA_DIR = path.join(tmp, "not-a-directory", "ledger");
    try {
      await listPortfolios(alice, { fresh: true });
      const without = await accountView(req, alice);
      expect(without.list.agentPortfolios.flatMap((p) => p.userTokens).every((t) => t.secretHint === null && t.origin === null)).toBe(true);
      expect(await accountView(req, alice)).not.toBe(without);
    } finally {
      await closeLedgerDb();
      process.env.PGLITE_DATA_DIR = dataDir;
      error.mockRestore();
    }
  }, 60_000);
});
