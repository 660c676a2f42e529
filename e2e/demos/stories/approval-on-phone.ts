import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { startReceiver, type Receiver } from "../../../tests/support/webhook-receiver";
import { ALICE, fillWizard, openFromNav, openMintWizard, signIn, takeSecretAndClose } from "../../kit";
import type { Story } from "../story";

const TOKEN = "careful-agent";
const BY_AMOUNT = "/api/v1/trading/execution/demo/market-open-orders/by-amount";
const PHONE = { width: 390, height: 844 };

/** The demo fixes the browser's clock for repeatable texts; the approval's expiry is the server's: show it against the present. */
const toThePresent = (page: Page) => page.clock.setFixedTime(Date.now());

/** The agent's order by amount through the console's gateway, as any eToro agent sends it. */
async function agentOrder(gateway: string, secret: string, amount: number, requestId: string, approvalId?: string) {
  const headers: Record<string, string> = { "x-user-key": secret, "x-request-id": requestId, "content-type": "application/json" };
  if (approvalId) headers["x-approval-id"] = approvalId;
  const res = await fetch(`${gateway}${BY_AMOUNT}`, { method: "POST", headers, body: JSON.stringify({ InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: amount }) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
}

/** A retried run must find only its own order waiting: an earlier run's, held ten minutes, is denied first. */
async function denyLeftovers(page: Page, origin: string): Promise<void> {
  const { approvals } = (await (await page.request.get(`${origin}/api/approvals?status=pending`)).json()) as { approvals: { id: string; userTokenName: string }[] };
  for (const { id } of approvals.filter((a) => a.userTokenName === TOKEN)) {
    const denied = await page.request.post(`${origin}/api/approvals/${id}/deny`, { headers: { origin }, data: { reason: "Left over from an earlier run." } });
    expect(denied.ok()).toBe(true);
  }
}

/** An agent with boundaries: refused above its limit, held above the approval threshold, approved from a phone, and its retry goes through; the webhook told the person. */
export const approvalOnPhone: Story = {
  name: "approval-on-phone",
  title: "Approve an agent's order from a phone",
  summary:
    "Give a gateway-only token $500 per order and approval above $200: the agent's $600 order is refused with the reason, its $300 order waits; a webhook says so, the person approves it on a phone-width screen, and the agent's identical retry goes through once.",
  async run({ page, narrator }) {
    let receiver: Receiver | null = null;
    try {
      receiver = await startReceiver("/hooks/phone");

      await narrator.step("Sign in", "Alice lets an agent trade, but wants to be asked before its bigger orders.", async () => {
        await signIn(page, ALICE);
      });
      const origin = new URL(page.url()).origin;
      await denyLeftovers(page, origin);

      await narrator.step("Tell me by webhook", "Settings → Webhooks: approval requests go to Alice's own endpoint, signed.", async () => {
        await page.goto("/settings/webhooks");
        await page.getByRole("button", { name: "Add webhook" }).click();
        const add = page.getByRole("dialog", { name: "Add webhook" });
        await add.getByRole("textbox", { name: "URL" }).fill(receiver!.url);
        await add.getByRole("radio", { name: "Standard Webhooks JSON" }).check();
        await add.getByRole("button", { name: "Add webhook" }).click();
        const shown = page.getByRole("dialog", { name: "Copy your signing secret now" });
        await shown.getByLabel("I have stored this secret securely").check();
        await shown.getByRole("button", { name: "Done" }).click();
        await expect(shown).toBeHidden();
      });

      let secret = "";
      await narrator.step("Boundaries on the token", "A gateway-only demo trading token: at most $500 per order, and Alice is asked above $200.", async () => {
        await openFromNav(page, "Portfolios");
        const wizard = await openMintWizard(page, "AlphaBot");
        await fillWizard(wizard, {
          name: TOKEN,
          scopes: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
          expiry: "7 days",
          boundaries: { maxOrderUsd: "500", askAboveUsd: "200" },
        });
        secret = await takeSecretAndClose(page);
      });

      await narrator.step("Above its limit: refused", "The agent tries $600. The gateway refuses it before eToro is asked, and says why.", async () => {
        const refused = await agentOrder(`${origin}/gateway`, secret, 600, randomUUID());
        expect(refused.status).toBe(403);
        expect(refused.body.errorMessage).toMatch(/above this token's most per order \(\$500\.00\)/);
      });

      const requestId = randomUUID();
      let approvalId = "";
      await narrator.step("Above the threshold: it waits", "The agent tries $300: held for Alice (202 with an approval id); the header badge counts it.", async () => {
        const held = await agentOrder(`${origin}/gateway`, secret, 300, requestId);
        expect(held.status).toBe(202);
        approvalId = held.body.approvalId;
        await page.setViewportSize(PHONE);
        await toThePresent(page);
        await page.goto("/approvals");
        await expect(page.getByRole("link", { name: /^Approvals, [1-9]\d* pending$/ })).toBeVisible({ timeout: 15_000 });
      });

      const waiting = page.getByRole("list", { name: "Orders waiting for approval" }).getByRole("listitem", { name: /^Buy \$300 of / }).filter({ hasText: TOKEN });
      await narrator.step("On her phone", "Alice sees the order in plain words: what, how much, which token, budget left, when it expires.", async () => {
        await expect(waiting).toBeVisible();
      });

      await narrator.step("Approve", "One tap. The decision is hers, recorded with who decided.", async () => {
        await waiting.getByRole("button", { name: /^Approve buy \$300 of / }).click();
        await expect(page.getByRole("list", { name: "Decided approvals" }).getByRole("listitem", { name: /^Approved: buy \$300 of / }).first()).toBeVisible();
      });

      await narrator.step("The retry goes through", "The agent sends the identical order with x-approval-id: eToro gets it once; the same approval again is refused as used.", async () => {
        expect((await agentOrder(`${origin}/gateway`, secret, 300, requestId, approvalId)).status).toBe(200);
        const again = await agentOrder(`${origin}/gateway`, secret, 300, requestId, approvalId);
        expect(again.status).toBe(409);
      });

      await narrator.step("The webhook, beside it", "Settings → Webhooks: the signed approval request was delivered to Alice's endpoint.", async () => {
        await page.setViewportSize({ width: 1280, height: 800 });
        await toThePresent(page);
        await page.goto("/settings/webhooks");
        const card = page.getByRole("region", { name: `Webhook http://127.0.0.1:${receiver!.port}/…hone` });
        await expect(async () => {
          await page.reload();
          await expect(card.getByRole("row", { name: /An order waits for approval/ }).getByText("Delivered").first()).toBeVisible({ timeout: 5_000 });
        }).toPass({ timeout: 60_000 });
      });
    } finally {
      // The receiver goes away with the story: so does the webhook, or the console would keep retrying it.
      const listed = await page.request.get("/api/webhooks").catch(() => null);
      const endpoints = listed?.ok() ? ((await listed.json()) as { endpoints: { id: string; urlHint: string }[] }).endpoints : [];
      for (const e of endpoints.filter((e) => receiver && e.urlHint.includes(`:${receiver.port}/`))) await page.request.delete(`/api/webhooks/${e.id}`, { headers: { origin: new URL(page.url()).origin } });
      await receiver?.close();
    }
  },
};
