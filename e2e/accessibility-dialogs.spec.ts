import { expectAccessible } from "./support/axe";
import { ALICE, expect, signIn, test } from "./support/fixtures";
import { openMintWizard, takeSecretAndClose } from "./support/wizard";

/*
 * No serious or critical axe violation in any dialog, in light and dark. Each is
 * opened from Alice's /portfolios, which accessibility.spec.ts scans whole ("portfolios"):
 * here only the dialog is scanned (e2e/support/axe.ts says why that is the same check).
 */

test("new portfolio dialog, with field errors", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("button", { name: "New portfolio" }).click();
  const form = page.getByRole("dialog", { name: "New portfolio" });
  await expectAccessible(page, "new portfolio", { dialog: true });
  await form.getByRole("button", { name: "Create portfolio" }).click();
  await expect(form.getByLabel("Portfolio name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "new portfolio with errors", { dialog: true });
});

test("mint wizard, every step, and the copy-once dialog", async ({ page }) => {
  // Seven axe scans (each several seconds on a busy machine), not a speed check.
  test.setTimeout(180_000);
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  await expectAccessible(page, "wizard: Name", { dialog: true });
  await wizard.getByLabel("Token name").fill("a11y-token");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("checkbox", { name: /trade\.real:write/ }).check();
  await expectAccessible(page, "wizard: Scopes", { dialog: true });
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Use suggestions" }).click();
  await wizard.getByLabel("Daily budget (USD)", { exact: true }).fill("12.345");
  await expectAccessible(page, "wizard: Boundaries with an error", { dialog: true });
  await wizard.getByLabel("Daily budget (USD)", { exact: true }).fill("500");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("IP address", { exact: true }).fill("1.2.3");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await expectAccessible(page, "wizard: IP whitelist with an error", { dialog: true });
  await wizard.getByLabel("IP address", { exact: true }).fill("203.0.113.7");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("radio", { name: "Custom", exact: true }).check();
  await expectAccessible(page, "wizard: Expiry", { dialog: true });
  await wizard.getByRole("radio", { name: "Never", exact: true }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expectAccessible(page, "wizard: Review", { dialog: true });
  await wizard.getByRole("checkbox", { name: /I understand/ }).check();
  await wizard.getByRole("button", { name: "Mint token" }).click();
  await expect(page.getByRole("dialog", { name: "Copy your token now" })).toBeVisible();
  await expectAccessible(page, "copy-once", { dialog: true });
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
    await expectAccessible(page, what, { dialog: true });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
  }
  await region.getByRole("button", { name: "Delete portfolio" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await expectAccessible(page, "delete portfolio", { dialog: true });
});
