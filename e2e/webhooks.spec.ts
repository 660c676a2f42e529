/**
 * Settings → Webhooks in a real browser against the production build: add a
 * webhook pointing at a receiver this test starts, see the signing secret once,
 * send a test event and check its signature with standardwebhooks (as the
 * README tells receivers to), see a token minted through the console arrive
 * too (never with the token's secret), Send again with the same webhook-id,
 * and delete the webhook after confirming.
 */
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../tests/support/webhook-receiver";
import { BOB, expect, signIn, test } from "./support/fixtures";
import { APP_URL } from "./support/ports";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver("/hooks/e2e");
});
test.afterAll(async () => {
  await receiver?.close();
});

const typeOf = (body: string) => (JSON.parse(body) as { type: string }).type;

test("add a webhook, keep its secret once, receive a signed test event and a minted token, send again, delete", async ({ page }) => {
  await signIn(page, BOB);
  // A retry starts without the webhook an earlier attempt may have left behind.
  const { endpoints } = (await (await page.request.get(`${APP_URL}/api/webhooks`)).json()) as { endpoints: { id: string }[] };
  for (const { id } of endpoints) await page.request.delete(`${APP_URL}/api/webhooks/${id}`, { headers: { origin: APP_URL }, maxRetries: 2 });
  await page.getByRole("link", { name: "Webhooks" }).first().click();
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add webhook" }).click();
  const add = page.getByRole("dialog", { name: "Add webhook" });
  await add.getByRole("textbox", { name: "URL" }).fill("ftp://example.com/x");
  await add.getByRole("button", { name: "Add webhook" }).click();
  await expect(add.getByText("Use an http:// or https:// URL.")).toBeVisible();
  await add.getByRole("textbox", { name: "URL" }).fill(receiver.url);
  await expect(add.getByRole("checkbox", { name: /token\.minted/ })).toBeChecked();
  await add.getByRole("radio", { name: "Standard Webhooks JSON" }).check();
  await add.getByRole("button", { name: "Add webhook" }).click();

  const shown = page.getByRole("dialog", { name: "Copy your signing secret now" });
  const secret = (await shown.getByLabel("Signing secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await expect(shown.getByRole("button", { name: "Done" })).toBeDisabled();
  await shown.getByLabel("I have stored this secret securely").check();
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  // Gone for good: not on the page, not in what the server answers now.
  expect(await page.content()).not.toContain(secret);
  const listed = await page.request.get(`${APP_URL}/api/webhooks`);
  expect(await listed.text()).not.toContain(secret);
  expect(await listed.text()).not.toContain(receiver.url);

  const card = page.getByRole("region", { name: /^Webhook http:\/\/127\.0\.0\.1:\d+\/…\/e2e$/ });
  await expect(card.getByText("No deliveries yet")).toBeVisible();
  await card.getByRole("button", { name: /^Send test event to / }).click();
  await receiver.waitFor(1);
  const verifier = new Webhook(secret);
  const [first] = receiver.received;
  expect(verifier.verify(first.body, first.headers as Record<string, string>)).toMatchObject({ type: "webhook.test" });
  await expect(card.getByRole("row", { name: /Test event/ }).getByText("Delivered")).toBeVisible();

  // A token minted through the console reaches the receiver as token.minted, without its secret.
  const portfolios = (await (await page.request.get(`${APP_URL}/api/portfolios`)).json()) as { agentPortfolios: { agentPortfolioId: string }[] };
  let portfolioId = portfolios.agentPortfolios[0]?.agentPortfolioId;
  if (!portfolioId) {
    const created = await page.request.post(`${APP_URL}/api/portfolios`, {
      headers: { origin: APP_URL },
      data: { agentPortfolioName: "Hooks01", investmentAmountInUsd: 500, userTokenName: "first", scopeNames: ["etoro-public:trade.demo:read"], ipsWhitelist: [], expiresAt: null },
    });
    expect(created.status()).toBe(201);
    portfolioId = ((await created.json()) as { portfolio: { agentPortfolioId: string } }).portfolio.agentPortfolioId;
  }
  const tokenName = `hook-${Date.now().toString(36)}`;
  const minted = await page.request.post(`${APP_URL}/api/portfolios/${portfolioId}/tokens`, {
    headers: { origin: APP_URL },
    data: { userTokenName: tokenName, scopeNames: ["etoro-public:trade.demo:read"], ipsWhitelist: [], expiresAt: null },
  });
  expect(minted.status()).toBe(201);
  const tokenSecret = ((await minted.json()) as { token: { userToken: string } }).token.userToken;
  await expect.poll(() => receiver.received.filter((r) => r.body.includes(tokenName)).length, { timeout: 20_000 }).toBe(1);
  const mintedEvent = receiver.received.find((r) => r.body.includes(tokenName))!;
  expect(verifier.verify(mintedEvent.body, mintedEvent.headers as Record<string, string>)).toMatchObject({ type: "token.minted", data: { userTokenName: tokenName } });
  for (const r of receiver.received) expect(r.body).not.toContain(tokenSecret);

  // Send again: the same message, the same webhook-id, once more.
  const before = receiver.received.length;
  await page.reload();
  await card.getByRole("button", { name: "Send again: Test event" }).click();
  await receiver.waitFor(before + 1);
  const again = receiver.received[before];
  expect(typeOf(again.body)).toBe("webhook.test");
  expect(again.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
  expect(() => verifier.verify(again.body, again.headers as Record<string, string>)).not.toThrow();

  await card.getByRole("button", { name: /^Delete / }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this webhook?" });
  await confirm.getByRole("button", { name: "Delete webhook" }).click();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
});
