/**
 * The boundaries admission's fast paths and its fail-closed reading of the
 * registry: a token without boundaries, or with only in-memory ones, is
 * admitted without a database; boundaries a row holds that do not parse
 * make the token read-only.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestLedger } from "@/lib/db/test-ledgers";
import type { GatewayRequest } from "@/lib/gateway/handler";
import { operationsFromSpec } from "@/lib/gateway/operations";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { openTokenCache, type RegisteredToken } from "@/lib/gateway/token-registry";
import { tokenBoundariesSchema } from "@/lib/schemas/boundaries";
import { createBoundaryAdmission } from "./admission";

const open = operationsFromSpec().find((o) => o.operationId === "openMarketPositionByAmountDemo")!;
const request: GatewayRequest = {
  method: "POST",
  params: {},
  query: "",
  order: { InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: 50 },
  clientAddress: "127.0.0.1",
  requestId: randomUUID(),
  approvalId: null,
  readUpstream: () => Promise.reject(new Error("no upstream")),
};
const token = (boundaries: RegisteredToken["boundaries"]): RegisteredToken => ({
  userTokenId: randomUUID(),
  agentPortfolioId: randomUUID(),
  account: "acct",
  userTokenName: "bot",
  gatewayOnly: false,
  agentIps: [],
  frozen: false,
  revoked: false,
  boundaries,
});

describe("the boundaries admission", () => {
  const noDatabase = createBoundaryAdmission({ db: () => Promise.reject(new Error("must not be asked")), approvalTtlMinutes: 10 });

  it("admits a token without boundaries at once, synchronously, without the database", () => {
    expect(noDatabase(token(null), open, request)).toEqual({ ok: true });
  });

  it("judges limits, lists and leverage in memory: no database unless a budget or an approval is involved", () => {
    const b = tokenBoundariesSchema.parse({ maxOrderUsdCents: 10_000, maxLeverage: 2, instrumentsAllowed: [1001] });
    expect(noDatabase(token(b), open, request)).toEqual({ ok: true });
    expect(noDatabase(token(b), open, { ...request, order: { ...(request.order as object), Amount: 100.01 } })).toMatchObject({
      refuse: { status: 403, code: "OrderLimitExceeded" },
      reason: "order-limit",
      detail: { limit: "order-limit", valueUsdCents: 10_001, limitUsdCents: 10_000 },
    });
  });

  it("a registry row whose boundaries do not parse holds the token read-only rather than unbounded", async () => {
    const ledger = await openTestLedger();
    try {
      const hasher = createTokenHasher("admission-test-secret-".padEnd(40, "x"));
      const id = randomUUID();
      await ledger.db.execute(sql`insert into gateway_tokens (user_token_id, lookup_key, account, agent_portfolio_id, user_token_name, boundaries, version)
        values (${id}, ${hasher.lookupKey("sk_x")}, 'acct', ${randomUUID()}, 'bot', ${JSON.stringify({ maxOrderUsdCents: "lots" })}::jsonb, nextval('gateway_tokens_version_seq'))`);
      const cache = await openTokenCache(async () => ledger.db, hasher, { pollMs: 60_000 });
      cache.close();
      expect(cache.byId(id)?.boundaries).toMatchObject({ readOnly: true });
      expect(noDatabase(cache.byId(id)!, open, request)).toMatchObject({ refuse: { code: "ReadOnlyToken" } });
    } finally {
      await ledger.close();
    }
    // Opening PGlite and migrating it is slow on a busy machine.
  }, 60_000);
});
