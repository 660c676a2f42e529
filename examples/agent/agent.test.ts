/**
 * The example agent as a customer runs it (`npm run agent:example`, a child
 * process), against a real gateway in front of a real sandbox: a round reads
 * and orders through the gateway, a frozen token's order is refused with
 * eToro's message while its reads answer, and no console is an unexpected error.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type OpenLedger } from "@/lib/db/open";
import { openTestLedger } from "@/lib/db/test-ledgers";
import { openConsoleGateway, type ConsoleGateway } from "@/lib/gateway/console-gateway";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { markFrozen, registerMinted } from "@/lib/gateway/token-registry";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { TEST_API_KEY, testSandboxOptions } from "@/tests/support/sandbox-client";
import { mintTradingToken, type MintedToken } from "@/tests/support/trading-tokens";

const root = path.resolve(import.meta.dirname, "../..");
const TOKEN_SECRET = "agent-example-token-secret-".padEnd(40, "a");

let sandbox: RunningSandbox;
let ledger: OpenLedger;
let gateway: ConsoleGateway;
let server: Server;
let baseUrl: string;
let token: MintedToken;

beforeAll(async () => {
  sandbox = await startSandbox(testSandboxOptions());
  ledger = await openTestLedger();
  gateway = await openConsoleGateway({
    db: async () => ledger.db,
    tokenSecret: TOKEN_SECRET,
    upstreamBaseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    egressAddress: undefined,
    upstreamTimeoutMs: 5_000,
    usageRetentionDays: 90,
    trustProxy: false,
    onError: () => undefined,
  });
  server = createServer((req, res) => gateway.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`;
  token = await mintTradingToken(sandbox);
  await registerMinted(ledger.db, createTokenHasher(TOKEN_SECRET), {
    account: "acct-agent-example",
    agentPortfolioId: token.portfolioId,
    userTokenId: token.tokenId,
    userTokenName: "example-agent",
    secret: token.secret,
    gatewayOnly: false,
    agentIps: [],
  });
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await gateway?.close();
  await ledger?.close();
  await sandbox?.close();
});

/** `npm run agent:example` without npm: the same tsx entry, its output and exit code. */
async function runAgent(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "examples/agent/agent.ts"], {
      cwd: root,
      env: { NODE_ENV: "test", ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

it("reads /me, the portfolio and a rate, and places a demo order through the gateway, in words", async () => {
  // The .env snippet's placeholder is not sent as a key: the gateway supplies the console's.
  const run = await runAgent({ ETORO_USER_KEY: token.secret, ETORO_BASE_URL: baseUrl, ETORO_API_KEY: "<your API key>" });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/me: .+ \(gcid \d+\)/);
  expect(run.stdout).toMatch(/portfolio: \d+ open positions, \$[\d,.]+ available/);
  expect(run.stdout).toMatch(/rate: instrument 1001 bid [\d.]+ ask [\d.]+/);
  expect(run.stdout).toMatch(/order placed: bought \$10\.00 of instrument 1001, order \d+ \(request [0-9a-f-]{36}\)/);
  expect(run.stdout).not.toContain(token.secret);
}, 40_000);

it("a frozen token's order is refused with eToro's message and exit code 2; its reads still answer", async () => {
  await markFrozen(ledger.db, [token.tokenId], true);
  try {
    // The registry is re-read every 250 ms, well before the agent's process is up.
    const run = await runAgent({ ETORO_USER_KEY: token.secret, ETORO_BASE_URL: baseUrl });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/order refused \(403 Forbidden\): .*frozen in the console/);
    expect(run.stdout).toMatch(/portfolio: \d+ open positions/);
  } finally {
    await markFrozen(ledger.db, [token.tokenId], false);
  }
}, 80_000);

it("with no console to answer, or no token, it says what to do and exits 1", async () => {
  const closed = await runAgent({ ETORO_USER_KEY: token.secret, ETORO_BASE_URL: "http://127.0.0.1:9/gateway" });
  expect(closed.code).toBe(1);
  expect(closed.stderr).toMatch(/unexpected: no answer from http:\/\/127\.0\.0\.1:9\/gateway .*is the console running\?/);
  const missing = await runAgent({ ETORO_BASE_URL: baseUrl });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("ETORO_USER_KEY is not set");
}, 40_000);
