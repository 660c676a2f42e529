import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { ALICE, expect, signIn, test } from "./support/fixtures";
import { fillWizard, openMintWizard, takeSecretAndClose } from "./support/wizard";

const DEMO_OPEN = "openMarketPositionByAmountDemo";

async function mintDemoTrader(page: Page, name: string): Promise<string> {
  const wizard = await openMintWizard(page, "AlphaBot");
  await fillWizard(wizard, { name, scopes: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"], expiry: "7 days" });
  return takeSecretAndClose(page);
}

async function openPlayground(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playground" }).click();
  await expect(page.getByRole("heading", { name: "Playground", level: 1 })).toBeVisible();
  // Swagger UI has loaded the gateway's reference.
  await expect(page.locator(`[id$="-${DEMO_OPEN}"]`)).toBeVisible({ timeout: 30_000 });
}

/** Opens an operation and sends `body` with Execute; returns its live answer's block. */
async function execute(page: Page, operationId: string, body: unknown) {
  const block = page.locator(`[id$="-${operationId}"]`);
  await block.locator(".opblock-summary-control").click();
  const editor = block.locator("textarea.body-param__text");
  await editor.fill(JSON.stringify(body));
  await block.getByRole("button", { name: "Execute" }).click();
  const live = block.locator(".live-responses-table");
  await expect(live).toBeVisible({ timeout: 30_000 });
  return live;
}

test("the playground sends a demo order through the gateway with a pasted token, shows the answer, and forgets the token on reload", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ALICE);
  const secret = await mintDemoTrader(page, "playground-bot");
  await openPlayground(page);

  // Without a token the gateway's refusal is what the page shows.
  const refused = await execute(page, DEMO_OPEN, { InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: 100 });
  await expect(refused.locator("tbody .response-col_status").first()).toHaveText(/^401/);
  await expect(refused).toContainText("Send the user token this console minted");

  await page.getByLabel("User token").fill(secret);
  const block = page.locator(`[id$="-${DEMO_OPEN}"]`);
  const sent = page.waitForRequest((r) => r.url().includes("/gateway/api/v1/trading/execution/demo/market-open-orders/by-amount"));
  await block.getByRole("button", { name: "Execute" }).click();
  // The token goes as x-user-key; the console's session cookie does not go with it.
  const headers = await (await sent).allHeaders();
  expect(headers["x-user-key"]).toBe(secret);
  expect(headers.cookie).toBeUndefined();
  await expect(block.locator(".live-responses-table tbody .response-col_status").first()).toHaveText(/^200/, { timeout: 30_000 });
  await expect(block.locator(".live-responses-table")).toContainText("orderForOpen");

  // Nowhere but in memory: no storage, no cookie, no URL.
  const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, url: location.href }));
  expect(stored).not.toContain(secret);
  const cookies = await page.context().cookies();
  expect(JSON.stringify(cookies)).not.toContain(secret);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Playground", level: 1 })).toBeVisible();
  await expect(page.getByLabel("User token")).toHaveValue("");
  await expect(page.locator(`[id$="-${DEMO_OPEN}"]`)).toBeVisible({ timeout: 30_000 });
  const again = await execute(page, DEMO_OPEN, { InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: 100 });
  await expect(again.locator("tbody .response-col_status").first()).toHaveText(/^401/);
  expect(await page.content()).not.toContain(secret);
});

test("the playground is accessible, light and dark, at 1280 and 390 px, with an operation open", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, ALICE);
  await openPlayground(page);
  await page.locator(`[id$="-${DEMO_OPEN}"] .opblock-summary-control`).click();
  await expect(page.getByRole("textbox", { name: "Request body" })).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, `playground at ${width} px`, {
      // For a person to look at: SHOTS_DIR=<dir> keeps each combination as a PNG.
      inTheme: async (theme) => {
        if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/playground-${width}-${theme}.png` });
      },
    });
  }
});
