import type { Page } from "@playwright/test";
import { rollToken } from "./kit";
import { ALICE, expect, signIn, test } from "./support/fixtures";

/**
 * Screenshots of every page and dialog, light and dark, 1280 and 390 px wide,
 * for people to look at (SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts).
 * Writes screenshots/*.png. (The README's pictures come from `npm run demo -- --readme`.)
 */
test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to take screenshots");

const widths = [1280, 390] as const;
const themes = ["light", "dark"] as const;

async function shoot(page: Page, name: string) {
  for (const theme of themes) {
    await page.evaluate((t) => {
      document.documentElement.classList.toggle("dark", t === "dark");
      document.documentElement.style.colorScheme = t;
    }, theme);
    for (const width of widths) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.waitForTimeout(150);
      await page.screenshot({ path: `screenshots/${name}-${theme}-${width}.png`, fullPage: false });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("screens", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/login");
  await shoot(page, "01-login");

  await signIn(page, ALICE);
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
  await shoot(page, "02-portfolios");

  await page.getByRole("button", { name: "New portfolio" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await shoot(page, "03-new-portfolio");
  await page.getByRole("dialog").getByRole("button", { name: "Create portfolio" }).click();
  await shoot(page, "03b-new-portfolio-errors");
  await page.keyboard.press("Escape");

  const alpha = page.getByRole("region", { name: "AlphaBot" });
  await alpha.getByRole("button", { name: "Mint token" }).click();
  const wizard = page.getByRole("dialog");
  await shoot(page, "04-mint-name");
  await wizard.getByLabel("Token name").fill("live-trader");
  await shoot(page, "04b-mint-name-taken");
  await wizard.getByLabel("Token name").fill("shot-token");
  await wizard.getByRole("button", { name: "Next" }).click();
  await shoot(page, "05-mint-scopes");
  await wizard.getByRole("checkbox", { name: /trade\.real:write/ }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await shoot(page, "05b-mint-boundaries");
  await wizard.getByRole("button", { name: "Next" }).click();
  await shoot(page, "06-mint-ips");
  await wizard.getByLabel("IP address", { exact: true }).fill("192.168.1.10");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await shoot(page, "06b-mint-ips-private");
  await wizard.getByRole("button", { name: "Remove 192.168.1.10" }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await shoot(page, "07-mint-expiry");
  await wizard.getByRole("radio", { name: "Never" }).check();
  await shoot(page, "07b-mint-expiry-never");
  await wizard.getByRole("button", { name: "Next" }).click();
  await shoot(page, "08-mint-review");
  await wizard.getByRole("checkbox", { name: /I understand/ }).check();
  await wizard.getByRole("button", { name: "Mint token" }).click();
  await expect(page.getByRole("dialog", { name: "Copy your token now" })).toBeVisible();
  await shoot(page, "09-copy-once");
  await page.getByRole("checkbox", { name: "I have stored this token securely" }).check();
  await page.getByRole("button", { name: "Done" }).click();

  const row = alpha.getByRole("listitem").filter({ hasText: "live-trader" });
  await row.getByRole("button", { name: "Edit live-trader", exact: true }).click();
  await shoot(page, "10-edit");
  await page.keyboard.press("Escape");
  await row.getByRole("button", { name: "Roll live-trader", exact: true }).click();
  await shoot(page, "11-roll");
  await page.keyboard.press("Escape");
  await row.getByRole("button", { name: "Revoke live-trader", exact: true }).click();
  await shoot(page, "12-revoke");
  await page.keyboard.press("Escape");
  await alpha.getByRole("button", { name: "Delete portfolio" }).click();
  await shoot(page, "13-delete");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: /^Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: /\(this browser\)/ })).toBeVisible();
  await shoot(page, "14-account-menu");
  await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await shoot(page, "15-sign-out-everywhere");
  await page.keyboard.press("Escape");
});

test("portfolio list: rolled tokens, risk in words, search", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ALICE);
  const region = page.getByRole("region", { name: "MeanRevert" });
  await rollToken(page, "MeanRevert", "demo-runner", "After 24 hours");
  await expect(region.getByText("Replaced by demo-runner-rolled-")).toBeVisible();
  await region.scrollIntoViewIfNeeded();
  await shoot(page, "14-list-rolled");
  await page.getByRole("searchbox", { name: "Search" }).fill("any IP");
  await expect(page.getByRole("status").filter({ hasText: "match" })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, "15-list-search");
});

test("tokens admin screens", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ALICE);
  await page.goto("/tokens");
  await expect(page.getByRole("row", { name: /live-trader/ })).toBeVisible();
  await shoot(page, "20-tokens");
  await page.getByRole("checkbox", { name: /Select all/ }).check();
  await page.getByRole("button", { name: "Revoke selected" }).click();
  await expect(page.getByRole("alertdialog").getByTestId("job-plan")).toBeVisible();
  await shoot(page, "21-tokens-revoke-selected");
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Fastest stop: delete portfolios" }).click();
  await expect(page.getByRole("alertdialog").getByTestId("job-plan")).toBeVisible();
  await shoot(page, "22-tokens-fastest-stop");
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Freeze all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Freeze all" }).click();
  await expect(page.getByRole("region", { name: "Background jobs" })).toBeVisible();
  await shoot(page, "23-job-progress");
});

test("token usage: empty, with calls (a made-up answer, for the look), and the gateway snippets", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ALICE);
  await page.goto("/tokens");
  await page.getByRole("link", { name: "Usage of live-trader" }).first().click();
  await expect(page.getByText("No agent has called through the gateway with this token yet")).toBeVisible();
  await shoot(page, "24-token-usage-empty");

  // The gateway's records come from agents' calls; a fixed answer shows the busy page without them.
  const hour = 3_600_000;
  const end = Math.floor(Date.now() / hour) * hour;
  const bucket = (at: number, i: number) => ({ at: new Date(at).toISOString(), ok: (i * 7) % 13, failed: i % 5 === 0 ? 2 : 0, refused: i % 11 === 0 ? 1 : 0 });
  await page.route(/\/api\/tokens\/[^/]+\/usage$/, async (route) => {
    const base = await (await route.fetch()).json();
    await route.fulfill({
      json: {
        ...base,
        lastUsedAt: new Date(end - 60_000).toISOString(),
        totals: { ok: 1240, failed: 31, refused: 6 },
        hourly: Array.from({ length: 48 }, (_, i) => bucket(end - (47 - i) * hour, i)),
        daily: Array.from({ length: 30 }, (_, i) => ({ ...bucket(end - (29 - i) * 24 * hour, i), ok: 20 + ((i * 17) % 40) })),
        operations: [
          { operationId: "getPortfolioDemo", calls: 1100, lastAt: new Date(end - 60_000).toISOString() },
          { operationId: "openMarketPositionByAmountDemo", calls: 141, lastAt: new Date(end - 7 * 60_000).toISOString() },
        ],
        addresses: [{ address: "203.0.113.7", calls: 1275, lastAt: new Date(end - 60_000).toISOString() }, { address: "198.51.100.9", calls: 6, lastAt: new Date(end - 3 * hour).toISOString() }],
        orders: [
          { at: new Date(end - 7 * 60_000).toISOString(), operationId: "openMarketPositionByAmountDemo", environment: "demo", instrument: "1001", side: "buy", amount: 250, units: null, leverage: 1, status: 200, orderId: "8811", positionId: null, requestId: "5d1c0a52-8f7e-4c8e-9a43-2f7c1b7f0a11" },
        ],
        refusals: [
          { at: new Date(end - 3 * hour).toISOString(), operationId: "openMarketPositionByAmountDemo", reason: "address not allowed: 198.51.100.9", clientAddress: "198.51.100.9", requestId: "0b6f5c1e-3a2d-4f7b-8c9e-1d2e3f4a5b6c" },
        ],
      },
    });
  });
  await page.reload();
  await expect(page.getByTestId("usage-chart")).toBeVisible();
  await shoot(page, "25-token-usage");
  await page.getByRole("tab", { name: "Per day (30 days)" }).click();
  await shoot(page, "26-token-usage-daily");
});

test("admin screens: expiry banner, audit log, one portfolio", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ALICE);
  await expect(page.getByRole("region", { name: "Token expiry" })).toBeVisible();
  await page.getByRole("region", { name: "Token expiry" }).scrollIntoViewIfNeeded();
  await shoot(page, "20-expiry-banner");

  // Some history: a change and a revoke.
  const mean = page.getByRole("region", { name: "MeanRevert" });
  await mean.getByRole("listitem", { name: "Token paper-trial", exact: true }).getByRole("button", { name: "Revoke paper-trial", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(mean.getByRole("listitem", { name: "Token paper-trial", exact: true })).toHaveCount(0);

  await page.goto("/audit");
  await expect(page.getByTestId("audit-event").first()).toBeVisible();
  await expect(page.getByTestId("chain-badge")).toBeVisible();
  await shoot(page, "21-audit");

  await page.goto("/portfolios");
  await page.getByRole("region", { name: "MeanRevert" }).getByRole("link", { name: "MeanRevert" }).click();
  await expect(page.getByRole("list", { name: "Timeline" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Show revoked" }).check();
  await expect(page.getByRole("list", { name: "Revoked tokens" })).toBeVisible();
  await shoot(page, "22-portfolio");
});
