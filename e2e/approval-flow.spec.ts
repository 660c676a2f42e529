/**
 * The approval protocol end to end in a real browser: a gateway-only demo token
 * minted with boundaries ($500 per order, approval above $200), an agent (plain
 * fetch from this process through this lane's <console>/gateway) refused above
 * the limit and held above the threshold, the person approving on a phone-width
 * screen, the agent's identical retry going through exactly once, a second
 * retry refused as used, /audit holding each step, and the approval.requested
 * webhook arriving signed.
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../tests/support/webhook-receiver";
import { ALICE, approveOnPhone, expectApprovedOrderInAudit, mintToken, signIn } from "./kit";
import { APP_URL } from "./support/ports";
import { expect, sandbox, test } from "./support/fixtures";

const DEMO_READ = "etoro-public:trade.demo:read";
const DEMO_WRITE = "etoro-public:trade.demo:write";
const BY_AMOUNT = "/api/v1/trading/execution/demo/market-open-orders/by-amount";
const JSON_HEADERS = { origin: APP_URL, "content-type": "application/json" };

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver("/hooks/approval-flow");
});
test.afterAll(async () => {
  await receiver?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; headers: Headers; body: any };

/** The agent's order by amount, as any eToro agent sends it, through the console's gateway. */
async function order(secret: string, amount: number, requestId: string, approvalId?: string): Promise<Answer> {
  const headers: Record<string, string> = { "x-user-key": secret, "x-request-id": requestId, "content-type": "application/json" };
  if (approvalId) headers["x-approval-id"] = approvalId;
  const res = await fetch(`${APP_URL}/gateway${BY_AMOUNT}`, { method: "POST", headers, body: JSON.stringify({ InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: amount }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** How many orders by amount this lane's sandbox (eToro) has been sent. */
const sandboxOrders = () => sandbox.calls(`POST ${BY_AMOUNT}`);

test("an agent is refused above its limit, waits for a person above the threshold, and goes through once after approval on a phone", async ({ page }) => {
  // Its own name each run: the ledger keeps what an earlier attempt or repeat did under a name.
  const token = `approval-agent-${randomUUID().slice(0, 8)}`;
  test.setTimeout(240_000);
  await signIn(page, ALICE);

  // A webhook for approval requests, added the way the settings page adds one.
  const added = await page.request.post(`${APP_URL}/api/webhooks`, { headers: JSON_HEADERS, data: { url: receiver.url, format: "standard", eventTypes: ["approval.requested"] } });
  expect(added.status()).toBe(201);
  const { endpoint, secret: signingSecret } = await added.json();

  try {
    const secret = await mintToken(page, "AlphaBot", {
      name: token,
      scopes: [DEMO_READ, DEMO_WRITE],
      expiry: "7 days",
      boundaries: { maxOrderUsd: "500", askAboveUsd: "200" },
    });
    const before = await sandboxOrders();

    // Above the per-order limit: refused at the gateway, with the limit in plain words.
    const tooBig = await order(secret, 600, randomUUID());
    expect(tooBig.status).toBe(403);
    expect(tooBig.body.errorMessage).toMatch(/worth \$600\.00, above this token's most per order \(\$500\.00\)/);

    // Above the approval threshold: held, not sent.
    const requestId = randomUUID();
    const held = await order(secret, 300, requestId);
    expect(held.status).toBe(202);
    const approvalId = held.body.approvalId as string;
    expect(held.body).toMatchObject({ status: "pending", retryWith: { header: "x-approval-id" } });
    expect(held.headers.get("x-approval-id")).toBe(approvalId);
    expect((await order(secret, 300, requestId, approvalId)).status).toBe(202);
    expect((await sandboxOrders()) - before).toBe(0);

    // The webhook: approval.requested, signed so the receiver can check it with the library.
    await receiver.waitFor(1, 30_000);
    const delivery = receiver.received.find((r) => JSON.parse(r.body).type === "approval.requested")!;
    expect(delivery).toBeDefined();
    const verified = new Webhook(signingSecret).verify(delivery.body, delivery.headers as Record<string, string>) as { data: { approvalId: string } };
    expect(verified.data.approvalId).toBe(approvalId);

    // The person, on a phone: the header badge, then /approvals.
    const tokenId = await approveOnPhone(page, token, "Buy $300 of");

    // The agent's identical retry goes through, once.
    const done = await order(secret, 300, requestId, approvalId);
    expect(done.status).toBe(200);
    expect((await sandboxOrders()) - before).toBe(1);
    const again = await order(secret, 300, requestId, approvalId);
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe("ApprovalUsed");
    expect((await sandboxOrders()) - before).toBe(1);

    // /audit: the request, the approval and the order.
    await expectApprovedOrderInAudit(page, tokenId);
    await expect(page.locator("body")).not.toContainText(secret);
  } finally {
    // Idempotent, so a reset connection is simply tried again.
    await page.request.delete(`${APP_URL}/api/webhooks/${endpoint.id}`, { headers: { origin: APP_URL }, maxRetries: 2 });
  }
});
