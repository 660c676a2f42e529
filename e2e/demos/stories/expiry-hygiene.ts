import { expect } from "@playwright/test";
import { ALICE, signIn } from "../../kit";
import type { Story } from "../story";

/** Tokens about to expire and tokens already expired, handled from the banner. */
export const expiryHygiene: Story = {
  name: "expiry-hygiene",
  title: "Expiry hygiene",
  summary: "The expiry banner names what expires this week and what has expired; extend one with a click and clean up the expired one.",
  async run({ page, narrator }) {
    const banner = page.getByRole("region", { name: "Token expiry" });
    await narrator.step("The expiry banner", "Alice signs in: the banner names what expires this week and what has expired.", async () => {
      await signIn(page, ALICE);
      await expect(banner).toBeVisible();
    });
    await narrator.step("Extend one", "Extend gives risk-monitor its own lifetime again, same scopes and IPs.", async () => {
      await banner.getByRole("button", { name: "Extend risk-monitor" }).click();
      await expect(banner.getByRole("button", { name: "Extend risk-monitor" })).toHaveCount(0);
    });
    await narrator.step("Clean up an expired one", "An expired token does nothing but clutter: revoke it, confirmed first.", async () => {
      await banner.getByRole("button", { name: "Revoke expired token paper-trial" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
      await expect(page.getByRole("listitem", { name: "Token paper-trial", exact: true })).toHaveCount(0);
    });
    await narrator.step("All clear", "Nothing left to chase this week.", async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
    });
  },
};
