/**
 * PUT /api/portfolios/:portfolioId/tokens/:tokenId/boundaries through its handler,
 * with a real iron-session session (an in-memory cookie jar, as route.test.ts) and a
 * real PGlite database: the registry row changes (with a new version), the ledger
 * keeps a token.boundaries row with before → after, another account's token is not
 * found, and bad input of any shape is a 4xx naming the field, never a 500.
 */
import { desc, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type OpenLedger } from "@/lib/db/open";
import { openTestLedger } from "@/lib/db/test-ledgers";
import { gatewayTokens, ledgerEvents } from "@/lib/db/schema";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { registerMinted } from "@/lib/gateway/token-registry";
import { NO_BOUNDARIES, type TokenBoundaries } from "@/lib/schemas/boundaries";
import { changeLines, changeText } from "@/lib/domain/audit-change";
import { SAME_ORIGIN, testRequest } from "@/tests/support/next-request";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (options?.maxAge === 0 || value === "") jar.delete(name);
      else jar.set(name, value);
    },
  }),
  headers: vi.fn(async () => new Headers(jar.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") } : {})),
}));
vi.mock("@/lib/session/registry", () => ({ isSessionLive: async () => true }));
const database = vi.hoisted(() => ({ current: null as OpenLedger | null }));
vi.mock("@/lib/db/process-db", () => ({
  getLedgerDb: async () => database.current!.db,
  closeLedgerDb: async () => undefined,
}));

const P = "00000000-0000-4000-8000-0000000000aa";
const MINE = "00000000-0000-4000-8000-000000000001";
const BOBS = "00000000-0000-4000-8000-000000000002";
const tight: TokenBoundaries = { ...NO_BOUNDARIES, maxOrderUsdCents: 100_00, dailyBudgetUsdCents: 500_00, maxLeverage: 2 };

const { PUT } = await import("@/app/api/portfolios/[portfolioId]/tokens/[tokenId]/boundaries/route");
const { accountFingerprint, writableSession } = await import("@/lib/session");

function put(body: unknown, { tokenId = MINE, portfolioId = P, headers = {} as Record<string, string> } = {}) {
  const req = testRequest("PUT", {
    path: `/api/portfolios/${portfolioId}/tokens/${tokenId}/boundaries`,
    headers: { ...SAME_ORIGIN, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return PUT(req, { params: Promise.resolve({ portfolioId, tokenId }) });
}
const db = () => database.current!.db;
const stored = async (id: string) => (await db().select().from(gatewayTokens).where(eq(gatewayTokens.userTokenId, id)))[0];
const lastEvent = async () => (await db().select().from(ledgerEvents).orderBy(desc(ledgerEvents.seq)).limit(1))[0];

beforeAll(async () => {
  process.env.SESSION_SECRET ??= "s".repeat(40);
  database.current = await openTestLedger();
  const alice = accountFingerprint({ apiKey: "sandbox-api-key", userKey: "sandbox-alice" });
  const hasher = createTokenHasher("k".repeat(32));
  const token = { agentPortfolioId: P, gatewayOnly: true, agentIps: [] };
  await registerMinted(db(), hasher, { ...token, account: alice, userTokenId: MINE, userTokenName: "live-trader", secret: "sk_sandbox_aaaaaaaaaaaa" });
  await registerMinted(db(), hasher, { ...token, account: "bob", userTokenId: BOBS, userTokenName: "bobs", secret: "sk_sandbox_bbbbbbbbbbbb" });
}, 60_000);
afterAll(async () => {
  await database.current?.close();
});
beforeEach(async () => {
  jar.clear();
  const session = await writableSession();
  session.userKey = "sandbox-alice";
  session.signedInAt = Date.now();
  session.sessionId = "22222222-2222-4222-8222-222222222222";
  await session.save();
});

describe("PUT …/tokens/:tokenId/boundaries", () => {
  it("replaces the boundaries at the gateway with a new version, and the ledger keeps before → after", async () => {
    const v0 = (await stored(MINE)).version;
    const res = await put({ boundaries: tight });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ boundaries: tight });
    const row = await stored(MINE);
    expect(row.boundaries).toEqual(tight);
    expect(row.version).toBeGreaterThan(v0);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: "token.boundaries", outcome: "ok", tokenId: MINE, tokenName: "live-trader", portfolioId: P });
    expect(event.before).toEqual({ boundaries: NO_BOUNDARIES });
    expect(event.after).toEqual({ boundaries: tight });
    expect(changeText(changeLines(event.before, event.after))).toBe("Boundaries: none → $100/order, $500/day, leverage ≤ 2×");

    // Loosened again: the next row's before is this one's after.
    expect((await put({ boundaries: {} })).status).toBe(200);
    const next = await lastEvent();
    expect(next.before).toEqual({ boundaries: tight });
    expect(next.after).toEqual({ boundaries: NO_BOUNDARIES });
  });

  it("another account's token, or a token under another portfolio, is not found and not changed", async () => {
    const before = await stored(BOBS);
    const res = await put({ boundaries: tight }, { tokenId: BOBS });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("NotOnGateway");
    expect(await stored(BOBS)).toEqual(before);
    expect((await put({ boundaries: tight }, { portfolioId: "00000000-0000-4000-8000-0000000000bb" })).status).toBe(404);
  });

  it("bad input is a 400 naming the field in full, in words", async () => {
    const res = await put({ boundaries: { maxOrderUsdCents: 10.5 } });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("ValidationFailed");
    expect(error.fields["boundaries.maxOrderUsdCents"]).toBe("Use whole cents.");
    const hours = await (await put({ boundaries: { tradingHours: { fromUtc: "09:00", toUtc: "09:00" } } })).json();
    expect(hours.error.fields["boundaries.tradingHours.toUtc"]).toMatch(/must not start and end/);
    expect((await put({ boundaries: tight, extra: 1 })).status).toBe(400);
  });

  it("a cross-site request, a wrong content type or no session is refused before anything changes", async () => {
    expect((await put({ boundaries: tight }, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await put({ boundaries: tight }, { headers: { "content-type": "text/plain" } })).status).toBe(415);
    jar.clear();
    expect((await put({ boundaries: tight })).status).toBe(401);
  });

  it("any body at all answers 200 or a 4xx with the error shape, never a 500", async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ boundaries: fc.jsonValue() }),
      fc.record({ boundaries: fc.dictionary(fc.constantFrom(...Object.keys(NO_BOUNDARIES)), fc.jsonValue()) }),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await put(b);
        expect(res.status === 200 || (res.status >= 400 && res.status < 500)).toBe(true);
        if (res.status !== 200) expect((await res.json()).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
