import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { rollToken } from "./kit";
import { ALICE, expect, signIn, signOut, test } from "./support/fixtures";
import { openMintWizard, takeSecretAndClose } from "./support/wizard";

/**
 * The dark theme changes colours only (the theme toggle's icons swap too, both
 * aria-hidden): what else axe checks reads the same DOM in both themes, so the
 * dark pass runs the rules that read colours.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** No serious or critical axe violation on any page or dialog, in light and dark. */
async function expectAccessible(page: Page, what: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate(async (t) => {
      document.documentElement.classList.toggle("dark", t === "dark");
      document.documentElement.style.colorScheme = t;
      // Transitions and the dialog's open animation end before contrast is measured, waited
      // for at most 250 ms (getAnimations() applies the class first); endless ones are not waited for.
      const ending = document.getAnimations().filter((a) => a.playState === "running" && a.effect?.getComputedTiming().endTime !== Infinity);
      await Promise.race([Promise.all(ending.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 250))]);
    }, theme);
    // Node details for violations only: the passes' details (every node of the page) cost a third of a scan.
    const axe = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
    if (theme === "dark") axe.withRules(COLOUR_RULES);
    const { violations } = await axe.analyze();
    const bad = violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
    expect(bad, `${what} in ${theme}`).toEqual([]);
  }
}

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

test("new portfolio dialog, with field errors", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("button", { name: "New portfolio" }).click();
  const form = page.getByRole("dialog", { name: "New portfolio" });
  await expectAccessible(page, "new portfolio");
  await form.getByRole("button", { name: "Create portfolio" }).click();
  await expect(form.getByLabel("Portfolio name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "new portfolio with errors");
});

test("mint wizard, every step, and the copy-once dialog", async ({ page }) => {
  // Seven axe scans (each several seconds on a busy machine), not a speed check.
  test.setTimeout(180_000);
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  await expectAccessible(page, "wizard: Name");
  await wizard.getByLabel("Token name").fill("a11y-token");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("checkbox", { name: /trade\.real:write/ }).check();
  await expectAccessible(page, "wizard: Scopes");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Use suggestions" }).click();
  await wizard.getByLabel("Daily budget (USD)", { exact: true }).fill("12.345");
  await expectAccessible(page, "wizard: Boundaries with an error");
  await wizard.getByLabel("Daily budget (USD)", { exact: true }).fill("500");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("IP address", { exact: true }).fill("1.2.3");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await expectAccessible(page, "wizard: IP whitelist with an error");
  await wizard.getByLabel("IP address", { exact: true }).fill("203.0.113.7");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("radio", { name: "Custom", exact: true }).check();
  await expectAccessible(page, "wizard: Expiry");
  await wizard.getByRole("radio", { name: "Never", exact: true }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expectAccessible(page, "wizard: Review");
  await wizard.getByRole("checkbox", { name: /I understand/ }).check();
  await wizard.getByRole("button", { name: "Mint token" }).click();
  await expect(page.getByRole("dialog", { name: "Copy your token now" })).toBeVisible();
  await expectAccessible(page, "copy-once");
  await takeSecretAndClose(page);
});

test("edit, roll, revoke and delete dialogs", async ({ page }) => {
  // Eight axe scans (each several seconds on a busy machine), not a speed check.
  test.setTimeout(180_000);
  await signIn(page, ALICE);
  const region = page.getByRole("region", { name: "AlphaBot" });
  const row = region.getByRole("listitem", { name: "Token live-trader", exact: true });
  for (const [button, what] of [
    ["Edit", "edit"],
    ["Roll", "roll"],
    ["Revoke", "revoke"],
  ] as const) {
    await row.getByRole("button", { name: `${button} live-trader`, exact: true }).click();
    await expect(page.getByRole(button === "Revoke" ? "alertdialog" : "dialog")).toBeVisible();
    await expectAccessible(page, what);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
  }
  await region.getByRole("button", { name: "Delete portfolio" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await expectAccessible(page, "delete portfolio");
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
  await expectAccessible(page, "freeze all dialog");
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
