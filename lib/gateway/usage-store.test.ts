/**
 * The usage writer's batch insert (COPY on PGlite, one array per column on
 * PostgreSQL) on both backends: every record comes back exactly as written,
 * whatever its strings hold (quotes, backslashes, braces, commas, tabs, line
 * breaks, "NULL", \N, any Unicode but U+0000, which orderUsage has already
 * taken out), and each token's last use only moves forward.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "@/lib/db/test-backends";
import { gatewayTokens } from "@/lib/db/schema";
import { sqlRows } from "@/lib/jobs/sql-rows";
import type { RegisteredToken } from "./token-registry";
import { createUsageWriter } from "./usage-store";
import type { UsageRecord } from "./usage-record";

const TOKEN: RegisteredToken = {
  userTokenId: "00000000-0000-4000-8000-000000000001",
  agentPortfolioId: "00000000-0000-4000-8000-0000000000aa",
  account: "acct-writer",
  userTokenName: "writer",
  gatewayOnly: false,
  agentIps: [],
  frozen: false,
  boundaries: null,
  revoked: false,
};

const odd = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 24 }).map((s) => s.replaceAll("\u0000", "")),
  fc.constantFrom("NULL", "null", '"', "\\", "{}", "{a,b}", "a,b", "'", "\\\"", " ", ""),
  // What COPY's text format (PGlite's path) treats specially: its separators, its escapes, its null and its end marker.
  fc.constantFrom("\t", "\n", "\r", "\r\n", "a\tb\nc", "\\N", "\\.", "\\t", "\\\\", "x\\", "\\x41", "\\101"),
);
const orderOf = fc.record({
  instrument: fc.oneof(fc.integer(), odd, fc.constant(null)),
  side: fc.oneof(odd, fc.constant(null)),
  amount: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.constant(null)),
  units: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.constant(null)),
  leverage: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constant(null)),
  target: fc.constant(null),
  orderId: fc.oneof(odd, fc.constant(null)),
  positionId: fc.oneof(odd, fc.constant(null)),
});
/** A stored double reads back -0 as 0 on some paths; the value is the same. */
const zeroUnsigned = (v: number | null) => (v === 0 ? 0 : v);

const recordOf = fc.record({
  at: fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
  operationId: fc.constantFrom("getRates", "openMarketPositionByAmountDemo"),
  account: fc.constantFrom("demo", "real", null),
  write: fc.boolean(),
  status: fc.integer({ min: 100, max: 599 }),
  latencyMs: fc.float({ noNaN: true, noDefaultInfinity: true, min: 0, max: 60_000 }),
  clientAddress: odd,
  via: fc.constantFrom("rest" as const, "mcp" as const),
  // A refusal writes a ledger event too; this test is about the usage rows.
  refusal: fc.constant(null),
  order: fc.oneof(orderOf, fc.constant(null)),
});

describeEachBackend("usage writer", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate usage_records, gateway_tokens, ledger_events`);
    await get().db.insert(gatewayTokens).values({ ...TOKEN, boundaries: {}, lookupKey: "k", lastUsedAt: new Date("2026-06-01T00:00:00Z") });
  });

  it("writes every record of a batch as it was, and moves the token's last use forward only", async () => {
    const { db } = get();
    const write = createUsageWriter(async () => db, (id) => (id === TOKEN.userTokenId ? TOKEN : null));
    await fc.assert(
      fc.asyncProperty(fc.array(recordOf, { minLength: 1, maxLength: 20 }), async (partial) => {
        await db.execute(sql`truncate usage_records`);
        const records: UsageRecord[] = partial.map((r) => ({ ...r, userTokenId: TOKEN.userTokenId, agentPortfolioId: TOKEN.agentPortfolioId, requestId: randomUUID() }));
        const before = (await sqlRows<{ last: Date | string }>(db, sql`select last_used_at as last from gateway_tokens`))[0].last;
        await write(records);
        const rows = await sqlRows<Record<string, unknown>>(
          db,
          sql`select request_id, at, account, environment, write, status, latency_ms, client_address, via, refusal, instrument, side, amount, units, leverage, order_id, position_id
              from usage_records`,
        );
        const byId = new Map(rows.map((r) => [r.request_id, r]));
        expect(rows).toHaveLength(records.length);
        for (const r of records) {
          const row = byId.get(r.requestId)!;
          for (const k of ["amount", "units", "leverage"]) row[k] = zeroUnsigned(row[k] as number | null);
          expect(new Date(row.at as string).toISOString()).toBe(r.at);
          expect(row).toMatchObject({
            account: TOKEN.account,
            environment: r.account ?? "none",
            write: r.write,
            status: r.status,
            client_address: (r.clientAddress),
            via: r.via,
            refusal: null,
            instrument: r.order?.instrument == null ? null : (String(r.order.instrument)),
            side: (r.order?.side ?? null),
            amount: zeroUnsigned(r.order?.amount ?? null),
            units: zeroUnsigned(r.order?.units ?? null),
            leverage: zeroUnsigned(r.order?.leverage ?? null),
            order_id: (r.order?.orderId ?? null),
            position_id: (r.order?.positionId ?? null),
          });
          expect(Number(row.latency_ms)).toBeCloseTo(Math.fround(r.latencyMs), 2);
        }
        const latest = Math.max(Date.parse(new Date(before).toISOString()), ...records.map((r) => Date.parse(r.at)));
        const after = (await sqlRows<{ last: Date | string }>(db, sql`select last_used_at as last from gateway_tokens`))[0].last;
        expect(new Date(after).getTime()).toBe(latest);
      }),
      { numRuns: 25 },
    );
  }, 90_000); // twenty-five random batches written and read back: seconds each on a loaded machine
});
