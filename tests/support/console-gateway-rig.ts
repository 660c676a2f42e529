/**
 * Test support (not a test) for the suites that run the console's gateway over
 * real HTTP: the built-in sandbox on port 0 as eToro, the gateway (registry,
 * boundaries, approvals, usage, ledger; its MCP door at /gateway/mcp) on a real
 * http.Server on port 0 in front of it, the ledger in PGlite in memory or, for
 * two instances, one throwaway PostgreSQL database; and a token the sandbox
 * minted registered as the console registers one.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { openLedger, type LedgerDb, type OpenLedger } from "@/lib/db/open";
import { createMigratedPostgresDatabase, openTestLedger } from "@/lib/db/test-ledgers";
import { openConsoleGateway, type ConsoleGateway, type ConsoleGatewayOptions } from "@/lib/gateway/console-gateway";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted } from "@/lib/gateway/token-registry";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { TEST_API_KEY, testSandboxOptions } from "./sandbox-client";
import type { MintedToken } from "./trading-tokens";

/** The suite's token secret and whatever it changes; the rest is a quiet gateway leaving for the sandbox from 127.0.0.2. */
export type GatewayRigOptions = Partial<Omit<ConsoleGatewayOptions, "db" | "upstreamBaseUrl">> & { tokenSecret: string };

export type ServedGateway = {
  /** http://127.0.0.1:<port>/gateway */
  url: string;
  /** The MCP door, <url>/mcp. */
  mcpUrl: string;
  gateway: ConsoleGateway;
  server: Server;
  /** Stops taking requests, then stops the gateway (which writes the usage still pending). */
  close(): Promise<void>;
};

/** One gateway instance on `db`, in front of `sandbox`. */
export async function serveGateway(db: LedgerDb, sandbox: RunningSandbox, options: GatewayRigOptions): Promise<ServedGateway> {
  const gateway = await openConsoleGateway({
    upstreamBaseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    egressAddress: "127.0.0.2",
    upstreamTimeoutMs: 5_000,
    usageRetentionDays: 90,
    trustProxy: false,
    onError: () => undefined,
    ...options,
    db: async () => db,
  });
  const server = createServer((req, res) => gateway.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`;
  return {
    url,
    mcpUrl: `${url}/mcp`,
    gateway,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await gateway.close();
    },
  };
}

/** What a rig has started, closed last first: each part even when one closed before it failed (the first failure is rethrown). */
function started() {
  const closers: (() => Promise<unknown>)[] = [];
  return {
    add<T>(part: T, close: (part: T) => Promise<unknown>): T {
      closers.unshift(() => close(part));
      return part;
    },
    async close(): Promise<void> {
      let failure: unknown = null;
      for (const close of closers.splice(0)) await close().catch((error: unknown) => (failure ??= error));
      if (failure) throw failure;
    },
  };
}

/** Opens a rig; when a part fails to start, the parts already started are closed before the failure is rethrown. */
async function openRig<T>(open: (parts: ReturnType<typeof started>) => Promise<T>): Promise<T & { close(): Promise<void> }> {
  const parts = started();
  try {
    return { ...(await open(parts)), close: () => parts.close() };
  } catch (error) {
    await parts.close().catch(() => undefined);
    throw error;
  }
}

export type GatewayRig = { sandbox: RunningSandbox; ledger: OpenLedger; served: ServedGateway; close(): Promise<void> };

/** A sandbox, a ledger in PGlite in memory and one gateway instance on it. */
export function openGatewayRig(options: GatewayRigOptions): Promise<GatewayRig> {
  return openRig(async (parts) => {
    const sandbox = parts.add(await startSandbox(testSandboxOptions()), (s) => s.close());
    const ledger = parts.add(await openTestLedger(), (l) => l.close());
    const served = parts.add(await serveGateway(ledger.db, sandbox, options), (s) => s.close());
    return { sandbox, ledger, served };
  });
}

export type TwoInstanceRig = { sandbox: RunningSandbox; ledgers: OpenLedger[]; a: ServedGateway; b: ServedGateway; close(): Promise<void> };

/** A sandbox and two gateway instances, each with its own connection to one new PostgreSQL database (dropped on close). */
export function openTwoInstances(databaseName: string, options: GatewayRigOptions): Promise<TwoInstanceRig> {
  return openRig(async (parts) => {
    const sandbox = parts.add(await startSandbox(testSandboxOptions()), (s) => s.close());
    const database = parts.add(await createMigratedPostgresDatabase(databaseName), (d) => d.drop());
    const ledgers: OpenLedger[] = [];
    for (let i = 0; i < 2; i++) ledgers.push(parts.add(await openLedger({ databaseUrl: database.url }), (l) => l.close()));
    const a = parts.add(await serveGateway(ledgers[0].db, sandbox, options), (s) => s.close());
    const b = parts.add(await serveGateway(ledgers[1].db, sandbox, options), (s) => s.close());
    return { sandbox, ledgers, a, b };
  });
}

export type Registration = { account: string; token: MintedToken; /** The token's name in the console (default "agent"). */ name?: string; gatewayOnly?: boolean; agentIps?: string[] };

/** Registers a token the sandbox minted at the gateway, as the console does after a mint (on `db`, or a transaction of it). */
export async function registerToken(db: LedgerDb, tokenSecret: string, { account, token, name = "agent", gatewayOnly = false, agentIps = [] }: Registration): Promise<void> {
  await registerMinted(db, createTokenHasher(tokenSecret), {
    account,
    agentPortfolioId: token.portfolioId,
    userTokenId: token.tokenId,
    userTokenName: name,
    secret: token.secret,
    gatewayOnly,
    agentIps,
  });
}
