/**
 * Webhooks end to end over real HTTP, on PGlite and PostgreSQL: account events
 * written by the console's own emitters reach a receiver started here, each
 * signed so that standardwebhooks' Webhook.verify accepts it; a tampered body
 * fails that check; a receiver that is down gets each delivery once it is up,
 * exactly once by webhook-id, even when an instance died mid-attempt; private
 * addresses are refused unless allowed; no secret is in any body or log line.
 */
import { eq, sql } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { emitAccountEvent } from "@/lib/account-events/emit";
import { ACCOUNT_EVENT_TYPES } from "@/lib/account-events/types";
import { accountEvents, gatewayTokens, ledgerEvents, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { describeEachBackend } from "@/lib/db/test-backends";
import { createTokenHasher } from "@/lib/gateway/token-hash";
import { markFrozen, markRevoked, registerMinted, type RegisteredToken } from "@/lib/gateway/token-registry";
import { createUsageWriter } from "@/lib/gateway/usage-store";
import { startReceiver, type Receiver } from "@/tests/support/webhook-receiver";
import { createEndpoint, deleteEndpoint, findEndpoint, listEndpoints, rollSecret, updateEndpoint } from "./endpoints";
import { backoffMs, claimDue, recentDeliveries, resendDelivery } from "./queue";
import { createSecretBox } from "./secret-box";
import { createWebhookSender } from "./send";
import { scanTokens } from "./token-scan";
import { WebhookWorker } from "./worker";

const box = createSecretBox("webhook-test-server-key-".padEnd(40, "k"));
const hasher = createTokenHasher("webhook-test-token-key-".padEnd(40, "t"));
const ALICE = "acct-alice";
const SANDBOX_SECRET = "sk_sandbox_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123";
const DAY = 86_400_000;

let receiver: Receiver;
const logged: string[] = [];
beforeAll(async () => {
  receiver = await startReceiver();
  for (const method of ["log", "error", "warn", "info"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});
afterAll(async () => {
  await receiver.close();
  vi.restoreAllMocks();
});

function worker(db: Parameters<typeof scanTokens>[0], options: { allowPrivateUrls?: boolean; maxAttempts?: number; owner?: string } = {}) {
  return new WebhookWorker({
    db,
    box,
    consoleOrigin: "https://console.example.com",
    allowPrivateUrls: options.allowPrivateUrls ?? true,
    timeoutMs: 5_000,
    maxAttempts: options.maxAttempts ?? 8,
    owner: options.owner,
    backoffMs: () => 20,
    pollMs: 20,
    leaseMs: 60_000,
    scanEveryMs: 0,
  });
}

/** Rounds of the worker until nothing is pending (or `rounds` run out). */
async function drain(db: Parameters<typeof scanTokens>[0], w: WebhookWorker, rounds = 50) {
  for (let i = 0; i < rounds; i++) {
    await w.runOnce();
    const pending = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.state, "pending"));
    if (pending.length === 0) return;
    await new Promise((r) => setTimeout(r, 30));
  }
}

it("waits 5 s, 30 s, 2 min, 10 min, 1 h, 3 h, then 6 h between attempts, each ±20 %", () => {
  const bases = [5_000, 30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000, 21_600_000];
  bases.forEach((base, i) => {
    expect(backoffMs(i + 1, () => 0)).toBe(base * 0.8);
    expect(backoffMs(i + 1, () => 1)).toBe(base * 1.2);
  });
});

const token = (n: number) => ({
  userTokenId: `00000000-0000-4000-8000-00000000000${n}`,
  userTokenName: `bot-${n}`,
  agentPortfolioId: "00000000-0000-4000-8000-0000000000aa",
});

describeEachBackend("webhooks", (get) => {
  beforeEach(async () => {
    const { db } = get();
    await db.execute(sql`truncate account_events, webhook_endpoints, webhook_deliveries, token_notices, gateway_tokens, usage_records restart identity cascade`);
    receiver.received.length = 0;
    receiver.status = 204;
  });
  afterEach(() => {
    expect(logged.join("\n")).not.toMatch(/whsec_|sk_sandbox_/);
  });

  it("delivers every event type, each signed so that Webhook.verify accepts it, none carrying a secret", async () => {
    const { db } = get();
    const { row, secret } = await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "standard", eventTypes: [...ACCOUNT_EVENT_TYPES] });
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(receiver.url);

    // The console's own emitters: mint (registry), freeze and revoke (registry marks), a refused order (usage writer), the scan.
    const t1 = token(1);
    await registerMinted(db, hasher, { account: ALICE, ...t1, secret: SANDBOX_SECRET, gatewayOnly: false, agentIps: [], expiresAt: new Date(Date.now() + 3 * DAY) });
    await markFrozen(db, [t1.userTokenId], true);
    await markFrozen(db, [t1.userTokenId], true);
    const registered: RegisteredToken = { ...t1, account: ALICE, gatewayOnly: false, agentIps: [], frozen: true, revoked: false, boundaries: null };
    await createUsageWriter(async () => db, () => registered)([
      {
        at: new Date().toISOString(),
        userTokenId: t1.userTokenId,
        agentPortfolioId: t1.agentPortfolioId,
        operationId: "openMarketPositionByAmountDemo",
        account: "demo",
        write: true,
        status: 403,
        latencyMs: 1,
        requestId: "11111111-1111-4111-8111-111111111111",
        clientAddress: "127.0.0.1",
        refusal: "frozen",
        via: "rest",
        order: null,
      },
    ]);
    const t2 = token(2);
    await registerMinted(db, hasher, { account: ALICE, ...t2, secret: `${SANDBOX_SECRET}2`, gatewayOnly: false, agentIps: [] });
    await db.update(gatewayTokens).set({ mintedAt: new Date(Date.now() - 40 * DAY) }).where(eq(gatewayTokens.userTokenId, t2.userTokenId));
    expect(await scanTokens(db)).toBe(2);
    await markRevoked(db, [t1.userTokenId]);
    await markRevoked(db, [t1.userTokenId]);
    // Written by the gateway's boundaries and approvals: emitted here the way they emit them.
    await emitAccountEvent(db, {
      account: ALICE,
      type: "approval.requested",
      data: { ...t2, approvalId: "00000000-0000-4000-8000-0000000000bb", reason: "above $250", order: { side: "buy", amount: 300, instrument: 1001 }, expiresAt: new Date().toISOString() },
    });
    await emitAccountEvent(db, { account: ALICE, type: "budget.threshold", data: { ...t2, period: "day", percent: 80, usedUsdCents: 80_000, budgetUsdCents: 100_000 } });
    // Another account's event never reaches Alice's endpoint.
    await emitAccountEvent(db, { account: "acct-bob", type: "token.minted", data: token(3) });

    await drain(db, worker(db));
    const types = receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type).sort();
    // Minted twice (two tokens); frozen and revoked once each though marked twice.
    expect(types).toEqual([...ACCOUNT_EVENT_TYPES, "token.minted"].sort());
    const verifier = new Webhook(secret);
    for (const r of receiver.received) {
      const verified = verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
      expect(verified.data).not.toHaveProperty("userToken");
      expect(r.body).not.toMatch(/whsec_|sk_sandbox_/);
      expect(r.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    }
    const refused = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> }).find((p) => p.type === "order.refused");
    expect(refused?.data).toMatchObject({ userTokenName: "bot-1", reason: "the token is frozen", operationId: "openMarketPositionByAmountDemo" });
    // Nothing at rest holds the secret either.
    const stored = JSON.stringify([await db.select().from(webhookDeliveries), await db.select().from(accountEvents), await db.select().from(ledgerEvents)]);
    expect(stored).not.toMatch(/whsec_|sk_sandbox_/);
  });

  it("a tampered body, or the old secret after Roll secret, fails the receiver's check", async () => {
    const { db } = get();
    const { row, secret } = await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "standard", eventTypes: ["token.frozen"] });
    await emitAccountEvent(db, { account: ALICE, type: "token.frozen", data: token(1) });
    await drain(db, worker(db));
    const [r] = receiver.received;
    const headers = r.headers as Record<string, string>;
    expect(() => new Webhook(secret).verify(r.body, headers)).not.toThrow();
    expect(() => new Webhook(secret).verify(r.body.replace("bot-1", "bot-9"), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(r.body, { ...headers, "webhook-id": "msg_other" })).toThrow(WebhookVerificationError);

    const rolled = await rollSecret(db, box, ALICE, row.id);
    expect(rolled!.secret).not.toBe(secret);
    await emitAccountEvent(db, { account: ALICE, type: "token.frozen", data: token(2) });
    await drain(db, worker(db));
    const second = receiver.received[1];
    expect(() => new Webhook(rolled!.secret).verify(second.body, second.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(secret).verify(second.body, second.headers as Record<string, string>)).toThrow(WebhookVerificationError);
  });

  it("with the receiver down, deliveries retry with backoff and arrive once it is up, exactly once each by webhook-id", async () => {
    const { db } = get();
    await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "standard", eventTypes: ["token.frozen", "token.revoked"] });
    await receiver.close();
    for (let n = 1; n <= 3; n++) await emitAccountEvent(db, { account: ALICE, type: "token.frozen", data: token(n) });
    const w = worker(db);
    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      await new Promise((r) => setTimeout(r, 40));
    }
    const waiting = await db.select().from(webhookDeliveries);
    expect(waiting).toHaveLength(3);
    for (const d of waiting) {
      expect(d.state).toBe("pending");
      expect(d.attempts).toBeGreaterThanOrEqual(2);
      expect(d.lastError).toMatch(/refused the connection/);
    }

    // An instance claims one delivery, sends it, and dies before settling: its claim lapses and another sends it again, same id.
    const dead = await claimDue(db, "dead-instance", 50, 1);
    await receiver.listen();
    const sender = createWebhookSender({ allowPrivate: true, timeoutMs: 5_000 });
    const opened = box.open(waiting[0].endpointId, (await db.select().from(webhookEndpoints))[0].sealed)!;
    const payload = JSON.stringify(dead[0].payload);
    expect(await sender.send({ url: opened.url, secret: opened.secret, id: dead[0].id, at: new Date(), body: payload })).toMatchObject({ ok: true });
    await sender.close();
    await new Promise((r) => setTimeout(r, 80));

    await drain(db, w);
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toHaveLength(4);
    expect(ids.filter((id) => id === dead[0].id)).toHaveLength(2);
    expect((await db.select().from(webhookDeliveries)).map((d) => d.state)).toEqual(["delivered", "delivered", "delivered"]);
  });

  it("gives up after the last attempt, and Send again sends the same message (same webhook-id) once more", async () => {
    const { db } = get();
    const { row } = await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "standard", eventTypes: ["token.revoked"] });
    receiver.status = 500;
    await emitAccountEvent(db, { account: ALICE, type: "token.revoked", data: token(1) });
    await drain(db, worker(db, { maxAttempts: 3 }));
    const [failed] = await recentDeliveries(db, ALICE, row.id);
    expect(failed).toMatchObject({ state: "failed", attempts: 3, lastStatus: 500, lastError: "The receiver answered HTTP 500." });
    expect(receiver.received).toHaveLength(3);

    receiver.status = 200;
    expect(await resendDelivery(db, "acct-bob", row.id, failed.id)).toBeNull();
    await resendDelivery(db, ALICE, row.id, failed.id);
    await drain(db, worker(db));
    const [again] = await recentDeliveries(db, ALICE, row.id);
    expect(again).toMatchObject({ state: "delivered", attempts: 1, lastStatus: 200, lastError: null });
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([failed.id]));
  });

  it("refuses private and loopback addresses unless allowed, checking what DNS answers", async () => {
    const { db } = get();
    const byName = receiver.url.replace("127.0.0.1", "localhost");
    await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "standard", eventTypes: ["token.frozen"] });
    await createEndpoint(db, box, { account: ALICE, url: byName, format: "standard", eventTypes: ["token.frozen"] });
    await emitAccountEvent(db, { account: ALICE, type: "token.frozen", data: token(1) });
    await drain(db, worker(db, { allowPrivateUrls: false, maxAttempts: 1 }));
    expect(receiver.received).toHaveLength(0);
    const rows = await db.select().from(webhookDeliveries);
    expect(rows.map((d) => [d.state, d.lastError])).toEqual([
      ["failed", expect.stringMatching(/private, loopback or reserved address/)],
      ["failed", expect.stringMatching(/private, loopback or reserved address/)],
    ]);
  });

  it("tells about an expiring or unused token once per condition, again only when its expiry or last use changes", async () => {
    const { db } = get();
    const t1 = token(1);
    await registerMinted(db, hasher, { account: ALICE, ...t1, secret: "s1", gatewayOnly: false, agentIps: [], expiresAt: new Date(Date.now() + 2 * DAY) });
    const t2 = token(2);
    await registerMinted(db, hasher, { account: ALICE, ...t2, secret: "s2", gatewayOnly: false, agentIps: [], expiresAt: new Date(Date.now() + 20 * DAY) });
    await db.update(gatewayTokens).set({ lastUsedAt: new Date(Date.now() - 31 * DAY) }).where(eq(gatewayTokens.userTokenId, t2.userTokenId));
    const t3 = token(3);
    await registerMinted(db, hasher, { account: ALICE, ...t3, secret: "s3", gatewayOnly: false, agentIps: [], expiresAt: new Date(Date.now() + DAY) });
    await markRevoked(db, [t3.userTokenId]);
    expect(await scanTokens(db)).toBe(2);
    expect(await scanTokens(db)).toBe(0);
    await db.update(gatewayTokens).set({ expiresAt: new Date(Date.now() + 5 * DAY) }).where(eq(gatewayTokens.userTokenId, t1.userTokenId));
    expect(await scanTokens(db)).toBe(1);
    const told = await db.select({ type: accountEvents.type, data: accountEvents.data }).from(accountEvents).where(sql`${accountEvents.type} in ('token.expiring', 'token.unused')`);
    expect(told.map((e) => [e.type, (e.data as { userTokenName: string }).userTokenName])).toEqual([
      ["token.expiring", "bot-1"],
      ["token.unused", "bot-2"],
      ["token.expiring", "bot-1"],
    ]);
  });

  it("a paused endpoint gets nothing: new events are skipped, a waiting retry holds until it is resumed", async () => {
    const { db } = get();
    const { row } = await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "standard", eventTypes: ["token.frozen"] });
    receiver.status = 503;
    await emitAccountEvent(db, { account: ALICE, type: "token.frozen", data: token(1) });
    const w = worker(db);
    await w.runOnce();
    expect(receiver.received).toHaveLength(1);
    await updateEndpoint(db, ALICE, row.id, { enabled: false });
    receiver.status = 204;
    await emitAccountEvent(db, { account: ALICE, type: "token.frozen", data: token(2) });
    await new Promise((r) => setTimeout(r, 60));
    await w.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect(await recentDeliveries(db, ALICE, row.id)).toHaveLength(1);
    await updateEndpoint(db, ALICE, row.id, { enabled: true });
    await drain(db, w);
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { data: { userTokenName: string } }).data.userTokenName)).toEqual(["bot-1", "bot-1"]);
  });

  it("one account can neither see nor change another's endpoints or deliveries", async () => {
    const { db } = get();
    const { row } = await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "standard", eventTypes: ["token.frozen"] });
    const bob = "acct-bob";
    expect(await listEndpoints(db, bob)).toEqual([]);
    expect(await findEndpoint(db, bob, row.id)).toBeNull();
    expect(await updateEndpoint(db, bob, row.id, { enabled: false })).toBeNull();
    expect(await rollSecret(db, box, bob, row.id)).toBeNull();
    expect(await deleteEndpoint(db, bob, row.id)).toBeNull();
    expect(await recentDeliveries(db, bob, row.id)).toEqual([]);
    expect(await listEndpoints(db, ALICE)).toHaveLength(1);
  });

  it("formats a Slack message with the approval link, signed all the same", async () => {
    const { db } = get();
    const { secret } = await createEndpoint(db, box, { account: ALICE, url: receiver.url, format: "slack", eventTypes: ["approval.requested"] });
    await emitAccountEvent(db, {
      account: ALICE,
      type: "approval.requested",
      data: { ...token(1), approvalId: "00000000-0000-4000-8000-0000000000bb", reason: "above $250 <b>", order: { side: "buy", amount: 300, instrument: 1001 }, expiresAt: new Date().toISOString() },
    });
    await drain(db, worker(db));
    const [r] = receiver.received;
    const body = new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { text: string; blocks: { type: string; elements?: { url?: string }[] }[] };
    expect(body.text).toContain("*bot-1* wants to place buy $300 of instrument 1001, which needs your approval: above $250 &lt;b&gt;");
    expect(body.text).toContain("https://console.example.com/approvals");
    expect(body.blocks.find((b) => b.type === "actions")?.elements?.[0].url).toBe("https://console.example.com/approvals");
  });
});
