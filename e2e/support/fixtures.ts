import { expect, test as base, type Page } from "@playwright/test";
import { SANDBOX_URL } from "./ports";

export const ALICE = "sandbox-alice";
export const BOB = "sandbox-bob";

/** Every control request carries it: the sandbox refuses requests a web page could forge. */
const CONTROL = { "x-sandbox-control": "1" };

/** Drives the sandbox's control API: reset, faults, call counts. */
export const sandbox = {
  /** Back to the seed; `seed` asks for N generated portfolios with K tokens each instead. */
  async reset(seed?: { seedPortfolios: number; seedTokens?: number }) {
    const res = await fetch(`${SANDBOX_URL}/__sandbox/reset`, {
      method: "POST",
      headers: seed ? { ...CONTROL, "content-type": "application/json" } : CONTROL,
      body: seed ? JSON.stringify(seed) : undefined,
    });
    expect(res.status).toBe(204);
  },
  async fault(fault: Record<string, unknown>) {
    const res = await fetch(`${SANDBOX_URL}/__sandbox/faults`, {
      method: "POST",
      headers: { ...CONTROL, "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
    expect(res.status).toBe(204);
  },
  async clearFaults() {
    await fetch(`${SANDBOX_URL}/__sandbox/faults`, { method: "DELETE", headers: CONTROL });
  },
  async stats(): Promise<{ total: number; byRoute: Record<string, number> }> {
    return (await fetch(`${SANDBOX_URL}/__sandbox/stats`, { headers: CONTROL })).json();
  },
  async resetStats() {
    await fetch(`${SANDBOX_URL}/__sandbox/stats/reset`, { method: "POST", headers: CONTROL });
  },
};

export async function signIn(page: Page, userKey: string) {
  await page.goto("/login");
  await page.getByLabel("User key").fill(userKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Agent portfolios", exact: true })).toBeVisible();
}

/** Signs out through the account menu in the header. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export const test = base.extend<{ resetSandbox: void }>({
  resetSandbox: [
    async ({}, use) => {
      await sandbox.clearFaults();
      await sandbox.reset();
      await use();
      await sandbox.clearFaults();
    },
    { auto: true },
  ],
});

export { expect };
