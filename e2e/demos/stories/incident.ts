import { expect } from "@playwright/test";
import { ALICE, jobFinished, openFromNav, pickFilter, signIn } from "../../kit";
import type { Story } from "../story";

/** A real-money token leaked: find it, revoke it, freeze everything else, and show the record. */
export const incident: Story = {
  name: "incident",
  title: "Incident",
  summary: "A real-money token leaked: find it on Tokens, revoke it in one job, freeze the rest, then show on Audit who did what and export the CSV.",
  async run({ page, narrator }) {
    await narrator.step("Sign in", "An agent's real-money token has leaked. Alice signs in to stop it.", async () => {
      await signIn(page, ALICE);
    });
    await narrator.step("Every token at once", "Tokens lists every token of the account, across portfolios, with its risk in words.", async () => {
      await openFromNav(page, "Tokens");
      await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
    }, { readme: "tokens" });
    await narrator.step("Find the leaked token", "Real money, can trade, no IP limit: the tokens a leak can hurt most.", async () => {
      await pickFilter(page, "Account", "Real money");
      await page.getByRole("checkbox", { name: "Can trade (write)" }).check();
      await page.getByRole("checkbox", { name: "No IP limit" }).check();
      await expect(page.getByRole("row", { name: /live-trader/ })).toBeVisible();
    });
    const revoke = page.getByRole("alertdialog", { name: /^Revoke 1 selected token/ });
    await narrator.step("Plan the revoke", "Before anything runs: how many calls to eToro and how long it takes.", async () => {
      await page.getByRole("checkbox", { name: /^Select all 1 matching/ }).check();
      await page.getByRole("button", { name: "Revoke selected" }).click();
      await expect(revoke.getByTestId("job-plan")).toBeVisible();
    });
    await narrator.step("Revoke it", "It runs as a job on the server, paced to eToro's quota; it would survive a closed tab.", async () => {
      await revoke.getByRole("button", { name: "Revoke selected" }).click();
      await jobFinished(page, "Revoking tokens");
    });
    const freeze = page.getByRole("alertdialog", { name: "Freeze every write token?" });
    await narrator.step("Freeze the rest", "Freeze all turns every other trading token read-only: agents can look, not trade.", async () => {
      await page.getByRole("button", { name: "Clear filters" }).click();
      await page.getByRole("button", { name: "Freeze all" }).click();
      await freeze.getByRole("button", { name: "Freeze all" }).click();
      await jobFinished(page, "Freezing tokens");
    });
    await narrator.step("Who did what", "Audit shows every change, before and after, on a hash chain that verifies.", async () => {
      await openFromNav(page, "Audit");
      await expect(page.getByTestId("chain-badge")).toHaveText("Chain verified");
    }, { readme: "audit" });
    await narrator.step("Export for compliance", "Export CSV hands compliance exactly the rows on screen.", async () => {
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: "Export CSV" }).click();
      expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    });
  },
};
