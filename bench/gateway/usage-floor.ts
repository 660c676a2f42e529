/**
 * The least work the gateway's own requirements ask of every request, added to
 * the bare proxy (bench/gateway/bare-proxy.ts with a `usage` argument): know the
 * token and the operation, and leave a usage record, with a
 * ledger event for every order, written by the gateway's own batcher and store
 * (lib/gateway/usage-batcher.ts, usage-store.ts) to PGlite on its thread in a
 * fresh directory, as `npm run gateway` does, or to a fresh PostgreSQL database.
 *
 * Left out, so this is a floor and not a second gateway: the token's HMAC (a map
 * of the bench's secrets instead), the console policy, metrics, the log line, the
 * guess throttle, header checks and reading the order's answer for its ids. If
 * this already misses a target beside the bare proxy, no gateway that records
 * usage can meet it on the same machine.
 */
import type { IncomingMessage } from "node:http";
import { sql } from "drizzle-orm";
import { openLedger } from "@/lib/db/open";
import { USAGE_BATCHING } from "@/lib/gateway/gateway";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted, type RegisteredToken } from "@/lib/gateway/token-registry";
import { createOperationTable } from "@/lib/gateway/operations";
import { createUsageBatcher } from "@/lib/gateway/usage-batcher";
import { orderUsage, type UsageRecord } from "@/lib/gateway/usage-record";
import { createUsageWriter } from "@/lib/gateway/usage-store";
import { sqlRows } from "@/lib/jobs/sql-rows";
import { registeredBenchToken, type BenchToken } from "./variants";

/** PGlite in a fresh directory (on its thread), or a fresh PostgreSQL database. */
export type UsageFloorArgs = ({ pgliteDir: string } | { databaseUrl: string }) & { tokens: BenchToken[] };

export type UsageFloor = {
  /** Called once the answer has gone to the agent, with the request's body as read. */
  record(req: IncomingMessage, status: number, latencyMs: number, requestId: string, body: Buffer | null): void;
  flush(): Promise<number>;
  close(): Promise<void>;
};

const PREFIX = "/gateway";

export async function openUsageFloor(args: UsageFloorArgs): Promise<UsageFloor> {
  const ledger = await openLedger("databaseUrl" in args ? { databaseUrl: args.databaseUrl } : { dataDir: args.pgliteDir, thread: true });
  const hasher = createTokenHasher("bench-usage-floor-secret".padEnd(32, "k"));
  const bySecret = new Map<string, RegisteredToken>();
  const byId = new Map<string, RegisteredToken>();
  for (const t of args.tokens) {
    const token = registeredBenchToken(t);
    // Registered as the gateway's tokens are, so a batch moves their last use forward as it would.
    await registerMinted(ledger.db, hasher, { ...t, userTokenName: token.userTokenName, gatewayOnly: false, agentIps: [] });
    bySecret.set(t.secret, token);
    byId.set(t.userTokenId, token);
  }
  const table = createOperationTable();
  const db = async () => ledger.db;
  const usage = createUsageBatcher<UsageRecord>({ ...USAGE_BATCHING, write: createUsageWriter(db, (id) => byId.get(id) ?? null) });
  return {
    record(req, status, latencyMs, requestId, body) {
      const key = req.headers["x-user-key"];
      const token = typeof key === "string" ? bySecret.get(key) : undefined;
      const matched = token ? table.match(req.method ?? "", (req.url ?? "").slice(PREFIX.length)) : null;
      if (!token || !matched) return;
      const { operation } = matched;
      let order: unknown = null;
      if (operation.orderFields && body) {
        try {
          order = JSON.parse(body.toString("utf8"));
        } catch {
          // Recorded without its fields.
        }
      }
      usage.push({
        at: new Date().toISOString(),
        userTokenId: token.userTokenId,
        agentPortfolioId: token.agentPortfolioId,
        operationId: operation.operationId,
        account: operation.account,
        write: operation.write,
        status,
        latencyMs,
        requestId,
        clientAddress: req.socket.remoteAddress ?? "",
        via: "rest",
        refusal: null,
        order: orderUsage(operation, order, matched.params, null),
      });
    },
    async flush() {
      await usage.flush();
      const [row] = await sqlRows<{ n: number }>(ledger.db, sql`select count(*)::int as n from usage_records`);
      return Number(row.n);
    },
    async close() {
      await usage.flush();
      await ledger.close();
    },
  };
}
