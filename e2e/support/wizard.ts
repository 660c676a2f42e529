import { expect, type Locator, type Page } from "@playwright/test";

export type TokenSpec = {
  name: string;
  scopes: string[];
  ips?: string[];
  expiry?: "24 hours" | "7 days" | "30 days" | "90 days" | "1 year" | "Custom" | "Never";
  acknowledge?: boolean;
  /** Set on the Boundaries step (left as they are when absent). */
  boundaries?: BoundarySpec;
};

/** The boundaries as a person types them: dollars and cents as text ("" clears a field), instruments by symbol. */
export type BoundarySpec = {
  /** Press "Use suggestions" first; the fields below then change the suggestion. */
  useSuggestions?: boolean;
  maxOrderUsd?: string;
  maxLeverage?: string;
  dailyBudgetUsd?: string;
  weeklyBudgetUsd?: string;
  /** Symbols to add to the allowed list (searched, then picked). */
  allow?: string[];
  refuse?: string[];
  /** Symbols to take off either list. */
  remove?: string[];
  /** A UTC window ("09:30"), or null to turn trading hours off. */
  hours?: { from: string; to: string } | null;
  requestsPerMinute?: string;
  readOnly?: boolean;
  askAboveUsd?: string;
  askEveryRealOrder?: boolean;
  askOutsideList?: boolean;
};

/** Fills the Boundaries fields inside `scope` (the wizard's step or the Edit dialog). */
export async function fillBoundaries(scope: Locator, spec: BoundarySpec) {
  if (spec.useSuggestions) await scope.getByRole("button", { name: "Use suggestions" }).click();
  const text: [keyof BoundarySpec, string][] = [
    ["maxOrderUsd", "Most per order (USD)"],
    ["maxLeverage", "Most leverage"],
    ["dailyBudgetUsd", "Daily budget (USD)"],
    ["weeklyBudgetUsd", "Weekly budget (USD)"],
    ["requestsPerMinute", "Requests per minute"],
    ["askAboveUsd", "Ask me before orders above (USD)"],
  ];
  for (const [key, label] of text) {
    const value = spec[key];
    if (typeof value === "string") await scope.getByLabel(label, { exact: true }).fill(value);
  }
  for (const [symbols, list] of [
    [spec.allow, "Allowed instruments"],
    [spec.refuse, "Refused instruments"],
  ] as const) {
    for (const symbol of symbols ?? []) {
      await scope.getByLabel(list, { exact: true }).fill(symbol);
      await scope.getByRole("button", { name: new RegExp(`^Add ${symbol}\\b.* to ${list.toLowerCase()}$`) }).first().click();
      await expect(scope.getByRole("list", { name: `${list} chosen` }).getByText(symbol, { exact: true })).toBeVisible();
    }
  }
  for (const symbol of spec.remove ?? []) {
    await scope.getByRole("button", { name: new RegExp(`^Remove ${symbol} from `) }).click();
  }
  if (spec.hours !== undefined) {
    await scope.getByRole("switch", { name: "Only during trading hours (UTC)" }).setChecked(spec.hours !== null);
    if (spec.hours) {
      await scope.getByLabel("From (UTC)", { exact: true }).fill(spec.hours.from);
      await scope.getByLabel("To (UTC)", { exact: true }).fill(spec.hours.to);
    }
  }
  if (spec.readOnly !== undefined) await scope.getByRole("switch", { name: "Read-only at the gateway" }).setChecked(spec.readOnly);
  if (spec.askEveryRealOrder !== undefined) await scope.getByRole("checkbox", { name: "Ask me before every real-money order" }).setChecked(spec.askEveryRealOrder);
  if (spec.askOutsideList !== undefined) await scope.getByRole("checkbox", { name: /Ask me instead of refusing/ }).setChecked(spec.askOutsideList);
}

/**
 * Opens the mint wizard of a portfolio. The list comes with the HTML, so its button can be
 * clicked before React has hydrated it, and that click does nothing (a clean-clone run saw
 * it once): clicked again until the dialog is there.
 */
export async function openMintWizard(page: Page, portfolioName: string): Promise<Locator> {
  const button = page.getByRole("region", { name: portfolioName }).getByRole("button", { name: "Mint token" });
  const wizard = page.getByRole("dialog", { name: `Mint token for ${portfolioName}` });
  await expect(async () => {
    if (!(await wizard.isVisible())) await button.click({ timeout: 2_000 });
    await expect(wizard).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return wizard;
}

/** Walks Name → Scopes → Boundaries → IP whitelist → Expiry → Review and mints. */
export async function fillWizard(wizard: Locator, spec: TokenSpec, options: { submit?: boolean } = {}) {
  await wizard.getByLabel("Token name").fill(spec.name);
  await wizard.getByRole("button", { name: "Next" }).click();
  for (const scope of spec.scopes) await wizard.getByRole("checkbox", { name: new RegExp(scope.replace(/\./g, "\\.")) }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByText(/Step \d+ of \d+: Boundaries/)).toBeVisible();
  if (spec.boundaries) await fillBoundaries(wizard, spec.boundaries);
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
export async function mintWizardAt(
  page: Page,
  portfolioName: string,
  step: "Scopes" | "Boundaries" | "IP whitelist" | "Expiry",
  spec: Pick<TokenSpec, "name" | "scopes">,
) {
  const wizard = await openMintWizard(page, portfolioName);
  await wizard.getByLabel("Token name").fill(spec.name);
  await wizard.getByRole("button", { name: "Next" }).click();
  if (step === "Scopes") return wizard;
  for (const scope of spec.scopes) await wizard.getByRole("checkbox", { name: new RegExp(scope.replace(/\./g, "\\.")) }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  if (step === "Boundaries") return wizard;
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
