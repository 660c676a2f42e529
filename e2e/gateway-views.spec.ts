import { expectAccessible } from "./support/axe";
import { ALICE, expect, signIn, test } from "./support/fixtures";
import { fillWizard, openMintWizard } from "./support/wizard";

const DEMO_READ = "etoro-public:trade.demo:read";

test("the mint wizard offers Only through the console gateway, on by default, and the review says so", async ({ page }) => {
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  await wizard.getByLabel("Token name").fill("via-gateway");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
  await wizard.getByRole("button", { name: "Next" }).click(); // Boundaries
  await wizard.getByRole("button", { name: "Next" }).click();
  const gateway = wizard.getByRole("checkbox", { name: "Only through the console gateway" });
  await expect(gateway).toBeChecked();
  await expect(wizard).toContainText("The agent's own IPv4 addresses, checked at the gateway.");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(wizard).toContainText("Only through the console gateway");
});

test("the copy-once snippets point the agent at the gateway", async ({ page }) => {
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  await fillWizard(wizard, { name: "snippet-check", scopes: [DEMO_READ], expiry: "7 days" });
  const dialog = page.getByRole("dialog", { name: "Copy your token now" });
  await expect(dialog).toBeVisible();
  const origin = new URL(page.url()).origin;
  await expect(dialog).toContainText(`ETORO_API_BASE_URL=${origin}/gateway`);
  await expect(dialog).toContainText("ETORO_API_KEY=<your API key>");
  for (const tab of ["curl", "Python", "TypeScript"]) {
    await dialog.getByRole("tab", { name: tab }).click();
    await expect(dialog.getByRole("tabpanel")).toContainText("/api/v1/trading/info/demo/portfolio");
  }
});

test("/tokens shows Last used and calls, the new filters, and leads to a token's usage page", async ({ page }) => {
  await signIn(page, ALICE);
  await page.goto("/tokens");
  await expect(page.getByRole("columnheader", { name: "Last used" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Calls (24 h)" })).toBeVisible();
  const row = page.getByRole("row", { name: /live-trader/ }).first();
  await expect(row).toContainText("Never");
  // No seeded token is known to the gateway yet: every one can go around it, and says so in words.
  await expect(row).toContainText("Can go around the gateway");
  await page.getByRole("checkbox", { name: "Can go around the gateway" }).check();
  await expect(page.getByRole("row", { name: /live-trader/ }).first()).toBeVisible();
  await page.getByRole("checkbox", { name: "Unused for 30 days" }).check();
  await expect(page.getByTestId("hidden-count")).toBeVisible();

  await page.getByRole("checkbox", { name: "Unused for 30 days" }).uncheck();
  await page.getByRole("link", { name: "Usage of live-trader" }).first().click();
  await expect(page.getByRole("heading", { name: "Usage of live-trader" })).toBeVisible();
  await expect(page.getByText("No agent has called through the gateway with this token yet")).toContainText("/gateway");
  await expect(page.getByRole("link", { name: "Export usage (CSV)" })).toHaveAttribute("href", /\/api\/usage\/export\?tokenId=/);
});

test("a token's usage page is accessible, light and dark, and an unknown token is a clear error", async ({ page }) => {
  await signIn(page, ALICE);
  await page.goto("/tokens");
  await page.getByRole("link", { name: "Usage of live-trader" }).first().click();
  await expect(page.getByRole("heading", { name: "Usage of live-trader" })).toBeVisible();
  await expectAccessible(page, "usage page");
  await page.goto("/tokens/00000000-0000-4000-8000-000000000999");
  await expect(page.getByRole("alert").filter({ hasText: "Could not load this token's usage" })).toContainText("This account has no token with that id.");
});
