import { expect } from "@playwright/test";
import { ALICE, openEdit, portfolioRegion, rollToken, signIn, tokenRow } from "../../kit";
import type { Story } from "../story";

/** Alice narrows a token that works from anywhere, then rotates it with a grace period for her agent. */
export const tightenAndRotate: Story = {
  name: "tighten-and-rotate",
  title: "Tighten and rotate",
  summary: "Edit a token's IP whitelist and expiry, then roll it: a new secret at once, the old one retired after a grace period.",
  async run({ page, narrator }) {
    await narrator.step("Sign in", "Alice runs three agent portfolios; MeanRevert's demo-runner trades the demo account from one server.", async () => {
      await signIn(page, ALICE);
      await portfolioRegion(page, "MeanRevert").scrollIntoViewIfNeeded();
    }, { readme: "portfolios" });
    const dialog = await openEdit(page, "MeanRevert", "demo-runner");
    await narrator.step("Limit the IPs", "Her agent moved to a second server: she adds its address to the whitelist.", async () => {
      await dialog.getByLabel("IP address", { exact: true }).fill("198.51.100.23");
      await dialog.getByRole("button", { name: "Add", exact: true }).click();
    });
    await narrator.step("Shorten the expiry", "And gives it 30 days from now.", async () => {
      await dialog.getByRole("radio", { name: "30 days", exact: true }).check();
    });
    await narrator.step("Save", "Only the changed settings go to eToro; the agent keeps its secret.", async () => {
      await dialog.getByRole("button", { name: "Save changes" }).click();
      await expect(dialog).toBeHidden();
      await expect(tokenRow(page, "MeanRevert", "demo-runner")).toContainText("198.51.100.23");
    });
    await narrator.step("Roll with a grace period", "Rolling mints a twin with the same scopes and IPs; the old one keeps working for 24 hours.", async () => {
      const { newName } = await rollToken(page, "MeanRevert", "demo-runner", "After 24 hours");
      await expect(tokenRow(page, "MeanRevert", newName)).toBeVisible();
    });
    await narrator.step("Both side by side", "Until the grace period ends both work; then eToro retires the old one by itself.", async () => {
      await expect(tokenRow(page, "MeanRevert", "demo-runner")).toContainText("Replaced by demo-runner-rolled-");
      // Both rows in the middle of the screen, clear of the caption.
      await tokenRow(page, "MeanRevert", "demo-runner").evaluate((row) => row.scrollIntoView({ block: "center" }));
    });
  },
};
