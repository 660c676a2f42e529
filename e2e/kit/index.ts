/**
 * The console's page kit: the helpers the product's browser tests and the demos
 * share, so a renamed button breaks a test before it breaks a demo. Every helper
 * finds things by role and accessible name (the UI words in docs/DEMOS.md).
 */
import { expect, type Locator, type Page } from "@playwright/test";
import { fillBoundaries, fillWizard, openMintWizard, takeSecretAndClose, type BoundarySpec, type TokenSpec } from "../support/wizard";

// The demos show a person signing in: the kit's signIn types the key into the login page.
export { signInThroughForm as signIn, ALICE, BOB } from "../support/fixtures";
export { fillBoundaries, fillWizard, openMintWizard, takeSecretAndClose, type BoundarySpec, type TokenSpec };
export { runAgentOnce, startAgentLoop, type AgentLine, type RunningAgent } from "./example-agent";

export type NewPortfolio = {
  name: string;
  investmentUsd: number;
  description?: string;
  token: Omit<TokenSpec, "ips"> & { ips?: string[]; addMyIp?: boolean };
};

/** A portfolio's card on /portfolios. */
export function portfolioRegion(page: Page, portfolioName: string): Locator {
  return page.getByRole("region", { name: portfolioName, exact: true });
}

/** A token's row inside its portfolio's card. */
export function tokenRow(page: Page, portfolioName: string, tokenName: string): Locator {
  return portfolioRegion(page, portfolioName).getByRole("listitem", { name: `Token ${tokenName}`, exact: true });
}

/** New portfolio → its first token → Create portfolio; returns the secret from the copy-once dialog. */
export async function createPortfolio(page: Page, spec: NewPortfolio): Promise<string> {
  await page.getByRole("button", { name: "New portfolio" }).click();
  const form = page.getByRole("dialog", { name: "New portfolio" });
  await form.getByLabel("Portfolio name").fill(spec.name);
  await form.getByLabel("Investment (USD)").fill(String(spec.investmentUsd));
  if (spec.description) await form.getByLabel("Description").fill(spec.description);
  await form.getByLabel("Token name").fill(spec.token.name);
  for (const scope of spec.token.scopes) await form.getByRole("checkbox", { name: new RegExp(scope.replace(/\./g, "\\.")) }).check();
  if (spec.token.addMyIp) await form.getByRole("button", { name: "Add my IP" }).click();
  for (const ip of spec.token.ips ?? []) {
    await form.getByLabel("IP address", { exact: true }).fill(ip);
    await form.getByRole("button", { name: "Add", exact: true }).click();
  }
  if (spec.token.expiry) await form.getByRole("radio", { name: spec.token.expiry, exact: true }).check();
  if (spec.token.acknowledge) await form.getByRole("checkbox", { name: /I understand/ }).check();
  await form.getByRole("button", { name: "Create portfolio" }).click();
  const secret = await takeSecretAndClose(page);
  await expect(portfolioRegion(page, spec.name)).toBeVisible();
  return secret;
}

/** Mint token → the wizard → Mint token; returns the secret from the copy-once dialog. */
export async function mintToken(page: Page, portfolioName: string, spec: TokenSpec): Promise<string> {
  const wizard = await openMintWizard(page, portfolioName);
  await fillWizard(wizard, spec);
  const secret = await takeSecretAndClose(page);
  await expect(tokenRow(page, portfolioName, spec.name)).toBeVisible();
  return secret;
}

/** Opens a token's Edit dialog. */
export async function openEdit(page: Page, portfolioName: string, tokenName: string): Promise<Locator> {
  await tokenRow(page, portfolioName, tokenName).getByRole("button", { name: `Edit ${tokenName}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${tokenName}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Edit: add IPs and/or pick a new expiry, then Save changes. */
export async function editToken(page: Page, portfolioName: string, tokenName: string, change: { addIps?: string[]; expiry?: string }): Promise<void> {
  const dialog = await openEdit(page, portfolioName, tokenName);
  for (const ip of change.addIps ?? []) {
    await dialog.getByLabel("IP address", { exact: true }).fill(ip);
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
  }
  if (change.expiry) await dialog.getByRole("radio", { name: change.expiry, exact: true }).check();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
}

/** Edit: change the token's boundaries (and nothing else), then Save changes. */
export async function editBoundaries(page: Page, portfolioName: string, tokenName: string, spec: BoundarySpec): Promise<void> {
  const dialog = await openEdit(page, portfolioName, tokenName);
  await fillBoundaries(dialog, spec);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
}

/** Roll: a new token with the same settings, shown once; the old one retired now or after a grace period. */
export async function rollToken(
  page: Page,
  portfolioName: string,
  tokenName: string,
  retire: "Revoke now" | "After 1 hour" | "After 24 hours" | "After 7 days" = "Revoke now",
  options: { acknowledge?: boolean } = {},
): Promise<{ newName: string; secret: string }> {
  await tokenRow(page, portfolioName, tokenName).getByRole("button", { name: `Roll ${tokenName}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Roll ${tokenName}` });
  const newName = await dialog.getByLabel("New token name").inputValue();
  await dialog.getByRole("radio", { name: retire }).check();
  // A real-money trading token with no agent address (even a gateway-only one) asks for the acknowledgement, as at mint.
  if (options.acknowledge) await dialog.getByRole("checkbox", { name: /^I understand/ }).check();
  await dialog.getByRole("button", { name: "Roll token" }).click();
  const secret = await takeSecretAndClose(page);
  await expect(tokenRow(page, portfolioName, newName)).toBeVisible();
  return { newName, secret };
}

/** Revoke, confirmed in its dialog; the row is gone afterwards. */
export async function revokeToken(page: Page, portfolioName: string, tokenName: string): Promise<void> {
  await tokenRow(page, portfolioName, tokenName).getByRole("button", { name: `Revoke ${tokenName}`, exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(tokenRow(page, portfolioName, tokenName)).toHaveCount(0);
}

/** Types into the Search box of /portfolios. */
export async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel("Search", { exact: true }).fill(text);
}

/** The built-in sandbox's control API (local tools only: it wants the header a web form cannot send). */
export function sandboxControl(sandboxUrl: string) {
  const send = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${sandboxUrl}/__sandbox/${route}`, {
      method,
      headers: { "content-type": "application/json", "x-sandbox-control": "1" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${route} answered ${res.status}`);
  };
  return {
    reset: () => send("POST", "reset", {}),
    fault: (fault: Record<string, unknown>) => send("POST", "faults", fault),
    clearFaults: () => send("DELETE", "faults"),
  };
}

/** Goes to a page through the header's main navigation ("Portfolios", "Tokens", "Audit"). */
export async function openFromNav(page: Page, link: "Portfolios" | "Tokens" | "Audit"): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
}

/** Picks an option of one of /tokens' filter selects ("Risk", "Account"). */
export async function pickFilter(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Waits until the job banner says the job ("Revoking tokens", "Freezing tokens", …) finished; returns its item. */
export async function jobFinished(page: Page, title: string): Promise<Locator> {
  const job = page.getByRole("region", { name: "Background jobs" }).getByRole("listitem", { name: `Job: ${title}` }).first();
  await expect(job).toContainText(`${title} finished`, { timeout: 60_000 });
  return job;
}

const PHONE = { width: 390, height: 844 };
const pattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The person approves a held order on a phone-width screen: the header's
 * approvals badge → /approvals → the token's order in words ("Buy $300 of", the
 * start of its heading) → Approve, which moves it to the decided list. The page
 * must not scroll sideways. Returns the token's id (the card links its usage
 * page); the viewport is put back as it was.
 */
export async function approveOnPhone(page: Page, tokenName: string, order: string): Promise<string> {
  const before = page.viewportSize();
  await page.setViewportSize(PHONE);
  const badge = page.getByRole("link", { name: /^Approvals, [1-9]\d* pending$/ });
  await expect(badge).toBeVisible({ timeout: 15_000 });
  await badge.click();
  const item = page
    .getByRole("list", { name: "Orders waiting for approval" })
    .getByRole("listitem", { name: new RegExp(`^${pattern(order)} `) })
    .filter({ hasText: tokenName });
  await expect(item).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const usageHref = await item.getByRole("link", { name: tokenName, exact: true }).getAttribute("href");
  const inWords = pattern(order.charAt(0).toLowerCase() + order.slice(1));
  await item.getByRole("button", { name: new RegExp(`^Approve ${inWords} `) }).click();
  await expect(page.getByRole("list", { name: "Decided approvals" }).getByRole("listitem", { name: new RegExp(`^Approved: ${inWords} `) }).first()).toBeVisible();
  if (before) await page.setViewportSize(before);
  const tokenId = /^\/tokens\/([^/?#]+)$/.exec(usageHref ?? "")?.[1];
  expect(tokenId, "the approval card links the token's usage page").toBeTruthy();
  return tokenId!;
}

/**
 * /audit narrowed to one token (its name or its id): a refusal at the gateway,
 * then one approval asked for, one order approved and one agent order. Usage
 * rows (and so the order's event) are written every second: reloads until in.
 */
export async function expectApprovedOrderInAudit(page: Page, token: string): Promise<void> {
  await openFromNav(page, "Audit");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Apply filters" }).click();
  // Applying replaces the URL client-side: a reload before it lands would load /audit unfiltered.
  await page.waitForURL((url) => url.searchParams.get("token") === token);
  const events = page.getByTestId("audit-event");
  await expect(async () => {
    await page.reload();
    await expect(events.filter({ hasText: "Agent order (gateway)" })).toHaveCount(1, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(events.filter({ hasText: "Approval asked for" })).toHaveCount(1);
  await expect(events.filter({ hasText: "Order approved" })).toHaveCount(1);
  await expect(events.filter({ hasText: "Refused at the gateway" }).first()).toBeVisible();
}
