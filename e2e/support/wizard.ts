import { expect, type Locator, type Page } from "@playwright/test";

export type TokenSpec = {
  name: string;
  scopes: string[];
  ips?: string[];
  expiry?: "24 hours" | "7 days" | "30 days" | "90 days" | "1 year" | "Custom" | "Never";
  acknowledge?: boolean;
};

/** Opens the mint wizard of a portfolio. */
export async function openMintWizard(page: Page, portfolioName: string): Promise<Locator> {
  await page.getByRole("region", { name: portfolioName }).getByRole("button", { name: "Mint token" }).click();
  const wizard = page.getByRole("dialog", { name: `Mint token for ${portfolioName}` });
  await expect(wizard).toBeVisible();
  return wizard;
}

/** Walks Name → Scopes → IP whitelist → Expiry → Review and mints. */
export async function fillWizard(wizard: Locator, spec: TokenSpec, options: { submit?: boolean } = {}) {
  await wizard.getByLabel("Token name").fill(spec.name);
  await wizard.getByRole("button", { name: "Next" }).click();
  for (const scope of spec.scopes) await wizard.getByRole("checkbox", { name: new RegExp(scope.replace(/\./g, "\\.")) }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  for (const ip of spec.ips ?? []) {
    await wizard.getByLabel("IP address", { exact: true }).fill(ip);
    await wizard.getByRole("button", { name: "Add", exact: true }).click();
  }
  await wizard.getByRole("button", { name: "Next" }).click();
  if (spec.expiry) await wizard.getByRole("radio", { name: spec.expiry, exact: true }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("heading", { name: "Review" })).toBeVisible();
  if (spec.acknowledge) await wizard.getByRole("checkbox", { name: /I understand/ }).check();
  if (options.submit !== false) await wizard.getByRole("button", { name: "Mint token" }).click();
}

/** Reads the secret from the copy-once dialog, ticks the box and closes it. */
export async function takeSecretAndClose(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog", { name: "Copy your token now" });
  await expect(dialog).toBeVisible();
  const secret = await dialog.getByLabel("Token secret").inputValue();
  expect(secret).toMatch(/^sk_sandbox_[A-Za-z0-9]{40}$/);
  await dialog.getByRole("checkbox", { name: "I have stored this token securely" }).check();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return secret;
}

/**
 * One click as a person makes it: mouse-down and mouse-up as separate events
 * at the spot the button was when the pointer arrived, so anything that moves
 * the button in between (a message appearing on blur) loses the click, as it
 * would for a person.
 */
export async function pressAndRelease(page: Page, target: Locator) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error("the target is not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(100);
  await page.mouse.up();
}

/** Opens the mint wizard and walks to a step, with the name and scopes given. */
export async function mintWizardAt(page: Page, portfolioName: string, step: "Scopes" | "IP whitelist" | "Expiry", spec: Pick<TokenSpec, "name" | "scopes">) {
  const wizard = await openMintWizard(page, portfolioName);
  await wizard.getByLabel("Token name").fill(spec.name);
  await wizard.getByRole("button", { name: "Next" }).click();
  if (step === "Scopes") return wizard;
  for (const scope of spec.scopes) await wizard.getByRole("checkbox", { name: new RegExp(scope.replace(/\./g, "\\.")) }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  if (step === "IP whitelist") return wizard;
  await wizard.getByRole("button", { name: "Next" }).click();
  return wizard;
}

/** Opens the New portfolio dialog and fills its fields (those given). */
export async function newPortfolioForm(
  page: Page,
  fields: { name?: string; amount?: string; tokenName?: string; scope?: RegExp } = {},
): Promise<Locator> {
  await page.getByRole("button", { name: "New portfolio" }).click();
  const form = page.getByRole("dialog", { name: "New portfolio" });
  if (fields.name !== undefined) await form.getByLabel("Portfolio name").fill(fields.name);
  if (fields.amount !== undefined) await form.getByLabel("Investment (USD)").fill(fields.amount);
  if (fields.tokenName !== undefined) await form.getByLabel("Token name").fill(fields.tokenName);
  if (fields.scope) await form.getByRole("checkbox", { name: fields.scope }).check();
  return form;
}
