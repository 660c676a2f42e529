import { ALICE, expect, signIn, test } from "./support/fixtures";

/**
 * Relative times ("in 3 days") are in the server's HTML; the browser hydrates them
 * against the server's render time, then counts from its own clock. Here the
 * browser's clock runs a day ahead of the server's, so a page that hydrated with
 * its own clock would write other words than the HTML and React would throw
 * (#418): the fixture fails the test on it.
 */
const DAY = 86_400_000;

test("pages with relative times hydrate without an error when the browser's clock disagrees with the server's", async ({ page }) => {
  await page.clock.install({ time: Date.now() + DAY });
  await signIn(page, ALICE);
  // risk-monitor expires in 3 days and 2 hours by the server's clock: 2 days by the browser's.
  const row = page.getByRole("listitem", { name: "Token risk-monitor", exact: true });
  await expect(row).toContainText("in 2 days");

  await page.goto("/tokens");
  await expect(page.getByRole("row", { name: /risk-monitor/ })).toContainText("in 2 days");

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();

  await page.goto("/portfolios");
  await expect(row).toContainText("in 2 days");
});
