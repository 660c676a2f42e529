import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { Client } from "pg";
import { expectAccessible } from "./support/axe";
import { ALICE, BOB, expect, test } from "./support/fixtures";
import { INSTANCE_B_URL, INSTANCE_C_URL } from "./support/ports";

/**
 * A person approves and denies orders the gateway held, from a phone-width
 * screen. The console runs on PostgreSQL (instance B), so the test can put a
 * pending approval in the database exactly as the gateway writes one; the
 * agent → gateway → approve → retry story is the gateway's own browser test.
 */
test.skip(!process.env.APC_E2E_DATABASE_URL, "PostgreSQL is not reachable");

const PHONE = { width: 390, height: 844 };
/** The console's shared Toaster (sonner's rich colours), not this page's: measured here it would fail the page for that. */
const TOASTER = "[data-sonner-toaster]";

async function withDb<T>(run: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: process.env.APC_E2E_DATABASE_URL });
  await db.connect();
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

type Held = { account: string; userTokenId: string; agentPortfolioId: string; userTokenName: string };

/** A pending approval the way the gateway writes one (its HeldOrder; lib/approvals/test-approvals.ts has the same shape for the unit tests). */
async function holdOrder(db: Client, held: Held, order: Record<string, unknown>, reason: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into approvals (id, account, user_token_id, agent_portfolio_id, user_token_name, operation_id, order_fingerprint, "order", reason, expires_at, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + interval '10 minutes', $10)`,
    [id, held.account, held.userTokenId, held.agentPortfolioId, held.userTokenName, "openMarketPositionByAmount", "f".repeat(64), JSON.stringify(order), reason, randomUUID()],
  );
  return id;
}

async function signInAt(page: Page, url: string, userKey: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel("User key").fill(userKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Agent portfolios", exact: true })).toBeVisible();
}

async function shoot(page: Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => {
      document.documentElement.classList.toggle("dark", t === "dark");
      document.documentElement.style.colorScheme = t;
    }, theme);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.waitForTimeout(200);
      await page.screenshot({ path: `screenshots/${name}-${theme}-${width}.png`, fullPage: true });
    }
  }
  await page.evaluate(() => {
    document.documentElement.classList.remove("dark");
    document.documentElement.style.colorScheme = "light";
  });
  await page.setViewportSize(PHONE);
}

test("a held order shows in the badge and on /approvals at 390 px; Approve and Deny work by keyboard; the ledger says who", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(PHONE);
  await signInAt(page, INSTANCE_B_URL, ALICE);
  const { account } = await (await page.request.get(`${INSTANCE_B_URL}/api/session`)).json();
  const list = await (await page.request.get(`${INSTANCE_B_URL}/api/portfolios`)).json();
  const portfolio = list.agentPortfolios.find((p: { userTokens: unknown[] }) => p.userTokens.length > 0);
  const token = portfolio.userTokens[0];
  const held: Held = { account, userTokenId: token.userTokenId, agentPortfolioId: portfolio.agentPortfolioId, userTokenName: token.userTokenName };

  // A retry starts empty too: an earlier attempt's held orders would wait ten minutes.
  await withDb((db) => db.query("delete from approvals where account = $1", [account]));
  await page.goto(`${INSTANCE_B_URL}/approvals`);
  await expect(page.getByText("No orders are waiting for you.")).toBeVisible();
  await shoot(page, "approvals-empty");

  const [buyId, sellId] = await withDb(async (db) => {
    await db.query(
      `insert into gateway_tokens (user_token_id, lookup_key, account, agent_portfolio_id, user_token_name, boundaries, version)
       values ($1, $2, $3, $4, $5, $6, nextval('gateway_tokens_version_seq'))
       on conflict (user_token_id) do update set boundaries = excluded.boundaries, version = excluded.version`,
      [held.userTokenId, `e2e-${randomUUID()}`, account, held.agentPortfolioId, held.userTokenName, JSON.stringify({ dailyBudgetUsdCents: 100_000 })],
    );
    await db.query(
      `insert into token_budgets (user_token_id, period, window_start, used_cents) values ($1, 'day', date_trunc('day', now() at time zone 'utc') at time zone 'utc', 25000)
       on conflict (user_token_id, period, window_start) do update set used_cents = 25000`,
      [held.userTokenId],
    );
    const buy = await holdOrder(
      db,
      held,
      { operationId: "openMarketPositionByAmount", environment: "real", instrumentId: 1001, symbol: "AAPL", side: "buy", amountUsd: 600, units: null, leverage: 1, valueUsdCents: 60_000, budgetLeftUsdCents: { day: 75_000, week: null } },
      "Orders above $250 wait for your approval.",
    );
    const sell = await holdOrder(
      db,
      held,
      { operationId: "openMarketPositionByUnitsDemo", environment: "demo", instrumentId: 1002, symbol: "TSLA", side: "sell", amountUsd: null, units: 3, leverage: 2, valueUsdCents: 75_150, budgetLeftUsdCents: { day: 75_000, week: null } },
      "Every order outside the instrument list waits for your approval.",
    );
    return [buy, sell];
  });

  // The badge polls: the count arrives without a reload.
  const badge = page.getByRole("link", { name: "Approvals, 2 pending" });
  await expect(badge).toBeVisible({ timeout: 15_000 });
  const waiting = page.getByRole("list", { name: "Orders waiting for approval" });
  const buy = waiting.getByRole("listitem", { name: "Buy $600 of AAPL" });
  await expect(buy).toBeVisible();
  await expect(buy.getByText("Real money")).toBeVisible();
  await expect(buy.getByText("$750 of $1,000 left today ($150 after this order)")).toBeVisible();
  await expect(buy.getByText(/expires in (9|10) min/)).toBeVisible();
  await expect(buy.getByRole("link", { name: held.userTokenName })).toHaveAttribute("href", `/tokens/${held.userTokenId}`);
  await expect(buy.getByRole("link", { name: portfolio.agentPortfolioName })).toHaveAttribute("href", `/portfolios/${held.agentPortfolioId}`);
  await expect(waiting.getByRole("listitem", { name: "Sell 3 units of TSLA" }).getByText("Demo")).toBeVisible();
  // Nothing spills sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page, "approvals waiting", { exclude: TOASTER });
  await shoot(page, "approvals-pending");

  // Bob, signed in on the other instance, sees none of it and can decide none of it.
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signInAt(bob, INSTANCE_C_URL, BOB);
  expect((await (await bob.request.get(`${INSTANCE_C_URL}/api/approvals`)).json()).approvals).toEqual([]);
  const stolen = await bob.request.post(`${INSTANCE_C_URL}/api/approvals/${buyId}/approve`, { headers: { origin: INSTANCE_C_URL, "content-type": "application/json" }, data: {} });
  expect(stolen.status()).toBe(404);
  await bobContext.close();

  // Approve by keyboard: focus the button, press Enter.
  const approve = page.getByRole("button", { name: "Approve buy $600 of AAPL" });
  await approve.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Decided approvals" }).getByRole("listitem", { name: "Approved: buy $600 of AAPL" })).toContainText(/Approved by you \(Account /);
  await expect(page.getByRole("link", { name: "Approvals, 1 pending" })).toBeVisible();

  // Deny asks why; the reason is kept.
  await page.getByRole("button", { name: "Deny sell 3 units of TSLA" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Deny this order?" });
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await expectAccessible(page, "deny dialog", { dialog: true });
  await shoot(page, "approvals-deny-dialog");
  await dialog.getByRole("button", { name: "Deny order" }).click();
  await expect(dialog.getByText("Say why, in a few words: the agent is told.")).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type("Not on a leveraged short.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Deny order" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  const denied = page.getByRole("list", { name: "Decided approvals" }).getByRole("listitem", { name: "Denied: sell 3 units of TSLA" });
  await expect(denied).toContainText("Reason: Not on a leveraged short.");
  await expect(page.getByRole("link", { name: "Approvals, none pending" })).toBeVisible();
  await expect(page.getByText("No orders are waiting for you.")).toBeVisible();
  await expectAccessible(page, "approvals decided", { exclude: TOASTER });
  await shoot(page, "approvals-decided");

  // Deciding again is refused, and says why.
  const again = await page.request.post(`${INSTANCE_B_URL}/api/approvals/${buyId}/deny`, { headers: { origin: INSTANCE_B_URL, "content-type": "application/json" }, data: { reason: "changed my mind" } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.message).toContain("already approved");

  // Bad input is a clear 4xx, never a 500; a page elsewhere cannot decide.
  const json = { origin: INSTANCE_B_URL, "content-type": "application/json" };
  expect((await page.request.post(`${INSTANCE_B_URL}/api/approvals/not-an-id/approve`, { headers: json, data: {} })).status()).toBe(400);
  expect((await page.request.get(`${INSTANCE_B_URL}/api/approvals?status=bogus`)).status()).toBe(400);
  expect((await page.request.post(`${INSTANCE_B_URL}/api/approvals/${sellId}/deny`, { headers: json, data: { reason: "   " } })).status()).toBe(400);
  expect((await page.request.post(`${INSTANCE_B_URL}/api/approvals/${sellId}/approve`, { headers: json, data: { extra: 1 } })).status()).toBe(400);
  expect((await page.request.post(`${INSTANCE_B_URL}/api/approvals/${sellId}/approve`, { headers: { origin: INSTANCE_B_URL, "content-type": "text/plain" }, data: "{}" })).status()).toBe(415);
  expect((await page.request.post(`${INSTANCE_B_URL}/api/approvals/${sellId}/approve`, { headers: { origin: "https://evil.example", "content-type": "application/json" }, data: {} })).status()).toBe(403);

  // The database and the ledger say who decided.
  await withDb(async (db) => {
    const rows = (await db.query("select id, status, decided_by, denial_reason from approvals where id = any($1)", [[buyId, sellId]])).rows;
    expect(rows.find((r) => r.id === buyId)).toMatchObject({ status: "approved", decided_by: account });
    expect(rows.find((r) => r.id === sellId)).toMatchObject({ status: "denied", decided_by: account, denial_reason: "Not on a leveraged short." });
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${INSTANCE_B_URL}/audit`);
  const approvedRow = page.getByTestId("audit-event").filter({ hasText: "Order approved" }).first();
  // The audit page loads its events after the page: room for a loaded machine.
  await expect(approvedRow).toContainText(/buy \$600 of AAPL: approved by Account /, { timeout: 30_000 });
  await expect(page.getByTestId("audit-event").filter({ hasText: "Order denied" }).first()).toContainText("sell 3 units of TSLA: denied by Account");
});
