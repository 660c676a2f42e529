/**
 * The gateway set-ups the bench measures, each a row beside the bare proxy. A
 * variant changes how the gateway process opens the console gateway (`options`,
 * e.g. another `admit`) and may prepare the database once the bench token is
 * registered (`setup`, e.g. give it boundaries or a budget). The bench runs every
 * variant listed here, interleaved with the others; add a policy variant as one
 * more entry (say "gateway + boundaries") and it gets its own rows.
 * BENCH_GATEWAY_VARIANTS=name,name picks some of them.
 */
import type { LedgerDb } from "@/lib/db/open";
import type { ConsoleGatewayOptions } from "@/lib/gateway/console-gateway";
import type { RegisteredToken } from "@/lib/gateway/token-registry";

export type BenchToken = { account: string; agentPortfolioId: string; userTokenId: string; secret: string };

/** A bench token as the gateway's registry holds it: named bench-agent, no allow-list, boundaries or freeze. */
export function registeredBenchToken(ids: Pick<RegisteredToken, "account" | "agentPortfolioId" | "userTokenId">): RegisteredToken {
  return {
    account: ids.account,
    agentPortfolioId: ids.agentPortfolioId,
    userTokenId: ids.userTokenId,
    userTokenName: "bench-agent",
    gatewayOnly: false,
    agentIps: [],
    frozen: false,
    revoked: false,
    boundaries: null,
  };
}

export type GatewayVariant = {
  name: string;
  /** Where its database lives: PGlite in a fresh directory (the default), or a fresh PostgreSQL database (skipped when none answers). */
  database?: "pglite" | "postgres";
  /** PGlite on its own thread (the default, lib/db/pglite-thread.ts) or in the gateway's. */
  pgliteThread?: boolean;
  /** Nice levels that thread runs below the gateway's (PGLITE_THREAD_NICE; 0 by default). */
  pgliteThreadNice?: number;
  /** Measured only when BENCH_GATEWAY_VARIANTS names it. */
  onlyWhenPicked?: boolean;
  options?: Partial<ConsoleGatewayOptions>;
  setup?: (db: LedgerDb, token: BenchToken) => Promise<void>;
};

export const GATEWAY_VARIANTS: GatewayVariant[] = [
  { name: "gateway" },
  // The scale-out deployment: the usage and ledger writes leave the process.
  { name: "gateway on PostgreSQL", database: "postgres" },
  // Off unless picked by name (BENCH_GATEWAY_VARIANTS): PGlite back on the gateway's own thread, for comparison.
  { name: "gateway with PGlite in-thread", pgliteThread: false, onlyWhenPicked: true },
  // Off unless picked: PGlite's thread 10 nice levels below the threads that serve requests (PGLITE_THREAD_NICE=10).
  { name: "gateway with its database thread niced", pgliteThreadNice: 10, onlyWhenPicked: true },
];
