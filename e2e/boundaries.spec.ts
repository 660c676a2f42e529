import { randomUUID } from "node:crypto";
import { expect, test } from "./support/fixtures";
import { ALICE, editBoundaries, mintToken, openFromNav, rollToken, signIn, tokenRow } from "./kit";

const REAL_WRITE = "etoro-public:trade.real:write";

test("mint with boundaries in the wizard, edit them, and read them on /tokens, the token view and /audit with before → after", async ({ page }) => {
  // Its own name each run: the ledger keeps what an earlier attempt or repeat did under a name.
  const token = `bounded-trader-${randomUUID().slice(0, 8)}`;
  test.setTimeout(180_000);
  await signIn(page, ALICE);

  // The wizard: the suggestion for real-money trading, edited, one instrument found by its symbol.
  await mintToken(page, "AlphaBot", {
    name: token,
    scopes: [REAL_WRITE],
    expiry: "Never",
    acknowledge: true,
    boundaries: { useSuggestions: true, dailyBudgetUsd: "400", allow: ["AAPL"] },
  });
  await expect(tokenRow(page, "AlphaBot", token)).toBeVisible();

  // /tokens: the boundaries in a few words, today's budget as a bar, and not "high risk":
  // a real-money trading token with no expiry, but gateway-only with a small daily budget.
  await openFromNav(page, "Tokens");
  const row = page.getByRole("row", { name: `Token ${token} (AlphaBot)` });
  await expect(row).toContainText("$250/order");
  await expect(row).toContainText("$400/day");
  await expect(row).toContainText("1 instrument only");
  await expect(row.getByRole("meter", { name: "$0.00 used of $400.00 today (UTC), $400.00 left" })).toBeVisible();
  await expect(row).toContainText("Medium risk: real money, never expires, capped at the gateway");

  // The token view: each boundary in words, the instrument by its symbol, used and left.
  await row.getByRole("link", { name: `Usage of ${token}` }).click();
  const card = page.getByRole("region", { name: "Boundaries" });
  await expect(card).toContainText("At most $250.00 per order.");
  await expect(card).toContainText("Opens at most $400.00 a day (resets 00:00 UTC).");
  await expect(card).toContainText("Only these instruments: AAPL.");
  await expect(card).toContainText("Asks you before any order above $100.00.");
  await expect(card.getByRole("meter", { name: /\$0\.00 used of \$400\.00 today/ })).toBeVisible();
  await expect(card).toContainText("held by this console's gateway, not by eToro");

  // Edit: a smaller budget, the instrument list cleared, read-only at the gateway.
  await openFromNav(page, "Portfolios");
  await editBoundaries(page, "AlphaBot", token, { dailyBudgetUsd: "300", remove: ["AAPL"], readOnly: true });
  await openFromNav(page, "Tokens");
  await expect(row).toContainText("read-only");
  await expect(row).toContainText("$300/day");
  await expect(row).not.toContainText("instrument only");

  // /audit: the mint with its boundaries, and the change as before → after.
  await openFromNav(page, "Audit");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Apply filters" }).click();
  const events = page.getByTestId("audit-event");
  await expect(events).toHaveCount(2);
  const [change, mint] = await events.all();
  await expect(change).toContainText("Boundaries changed");
  await expect(change).toContainText(
    "Boundaries: $250/order, $400/day, $1,500/week, leverage ≤ 2×, 1 instrument only, 60/min, asks above $100 → read-only, $250/order, $300/day, $1,500/week, leverage ≤ 2×, 60/min, asks above $100",
  );
  await expect(mint).toContainText("Token minted");
  await expect(mint).toContainText("Boundaries: $250/order, $400/day");

  // A roll keeps them: the new token is held to the same boundaries.
  await openFromNav(page, "Portfolios");
  const { newName } = await rollToken(page, "AlphaBot", token, "Revoke now", { acknowledge: true });
  await openFromNav(page, "Tokens");
  const rolled = page.getByRole("row", { name: `Token ${newName} (AlphaBot)` });
  await expect(rolled).toContainText("read-only");
  await expect(rolled).toContainText("$300/day");
});

test("the Boundaries step refuses money it cannot read, on its field, and says when boundaries will not bind", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("region", { name: "DemoScout" }).getByRole("button", { name: "Mint token" }).click();
  const wizard = page.getByRole("dialog", { name: "Mint token for DemoScout" });
  await wizard.getByLabel("Token name").fill("typo-budget");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("checkbox", { name: /trade\.demo:write/ }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  const budget = wizard.getByLabel("Daily budget (USD)", { exact: true });
  await budget.fill("12.345");
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByText(/Step 3 of 6: Boundaries/)).toBeVisible();
  await expect(budget).toHaveAttribute("aria-invalid", "true");
  await expect(wizard).toContainText("Enter dollars and cents, such as 250 or 99.50.");
  await budget.fill("12.34");
  await wizard.getByRole("button", { name: "Next" }).click();
  // Opting out of gateway-only: the boundaries no longer bind, and Review says so.
  await wizard.getByRole("checkbox", { name: "Only through the console gateway" }).uncheck();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(wizard).toContainText("Opens at most $12.34 a day");
  await expect(wizard.getByRole("note").filter({ hasText: "can go around the gateway" })).toBeVisible();
});
