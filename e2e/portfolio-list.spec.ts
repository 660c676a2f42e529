/**
 * The portfolio list: expiring relative
 * to a token's lifetime, risk in words, search over the words on screen, roll
 * links from the ledger, ledger facts on the card, names and test ids scripts
 * rely on, and the console's own icon.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import type { PortfolioList } from "@/lib/domain/types";
import { ALICE, BOB, expect, signIn, test } from "./support/fixtures";
import { takeSecretAndClose } from "./support/wizard";

const DEMO_READ = "etoro-public:trade.demo:read";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function list(request: APIRequestContext): Promise<PortfolioList> {
  const res = await request.get("/api/portfolios");
  expect(res.status()).toBe(200);
  return res.json();
}

/** A mutation as the console's own page sends it (same origin, JSON). */
async function post(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(path, { data, headers: { origin, "sec-fetch-site": "same-origin" } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

test("a freshly minted 24-hour token is Active, not Expiring soon", async ({ page }) => {
  await signIn(page, ALICE);
  const portfolio = (await list(page.request)).agentPortfolios.find((p) => p.agentPortfolioName === "MeanRevert")!;
  await post(page, `/api/portfolios/${portfolio.agentPortfolioId}/tokens`, {
    userTokenName: "day-pass",
    scopeNames: [DEMO_READ],
    ipsWhitelist: ["203.0.113.5"],
    expiresAt: inDays(1),
  });
  await page.reload();
  const row = page.getByRole("listitem", { name: "Token day-pass", exact: true });
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText("Expiring soon");
  // risk-monitor: 3 days left of a 30-day life is its last fifth.
  await expect(page.getByRole("listitem", { name: "Token risk-monitor", exact: true })).toContainText("Expiring soon");
});

test("a high-risk badge says why in words", async ({ page }) => {
  await signIn(page, ALICE);
  const row = page.getByRole("region", { name: "AlphaBot" }).getByRole("listitem", { name: "Token live-trader", exact: true });
  await expect(row.getByText("High risk: real money, any IP, never expires", { exact: true })).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Token risk-monitor", exact: true }).getByText("Medium risk: reads real money")).toBeVisible();
});

test("search matches the words on screen and says how many tokens matched", async ({ page }) => {
  await signIn(page, ALICE);
  const search = page.getByRole("searchbox", { name: "Search" });
  const status = page.getByRole("status").filter({ hasText: "match" });

  await search.fill("any IP");
  await expect(status).toHaveText("2 tokens in 2 portfolios match “any IP”.");
  await expect(page.getByRole("listitem", { name: "Token live-trader", exact: true })).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Token n8n-agent", exact: true })).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Token risk-monitor", exact: true })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "AlphaBot" })).toContainText("1 more token does not match the search.");

  await search.fill("never expires");
  await expect(status).toHaveText("1 token in 1 portfolio matches “never expires”.");
  await search.fill("High risk");
  await expect(page.getByRole("listitem", { name: /^Token / })).toHaveCount(1);
  await search.fill("Expiring soon");
  await expect(page.getByRole("listitem", { name: "Token risk-monitor", exact: true })).toBeVisible();
  await expect(status).toHaveText("1 token in 1 portfolio matches “Expiring soon”.");
  await search.fill("expired");
  await expect(page.getByRole("listitem", { name: "Token paper-trial", exact: true })).toBeVisible();
  await search.fill("Demo · trade");
  await expect(status).toHaveText("2 tokens in 1 portfolio match “Demo · trade”.");
});

test("a rolled token shows what it replaced, the old one what replaced it; the ledger links them", async ({ page }) => {
  await signIn(page, ALICE);
  const region = page.getByRole("region", { name: "MeanRevert" });
  await region.getByRole("button", { name: "Roll demo-runner", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Roll demo-runner" });
  const newName = await dialog.getByLabel("New token name").inputValue();
  await dialog.getByRole("radio", { name: "After 24 hours" }).check();
  await dialog.getByRole("button", { name: "Roll token" }).click();
  await takeSecretAndClose(page);

  const fresh = region.getByRole("listitem", { name: `Token ${newName}`, exact: true });
  const old = region.getByRole("listitem", { name: "Token demo-runner", exact: true });
  await expect(fresh).toContainText("Replaces demo-runner");
  await expect(old).toContainText(`Replaced by ${newName}`);

  // From the ledger, not this page's memory: still there after a reload, linked by id.
  await page.reload();
  await expect(old).toContainText(`Replaced by ${newName}`);
  const tokens = (await list(page.request)).agentPortfolios.find((p) => p.agentPortfolioName === "MeanRevert")!.userTokens;
  const [oldToken, newToken] = ["demo-runner", newName].map((n) => tokens.find((t) => t.userTokenName === n)!);
  expect(newToken.replaces).toEqual({ userTokenId: oldToken.userTokenId, userTokenName: "demo-runner" });
  expect(oldToken.replacedBy).toEqual({ userTokenId: newToken.userTokenId, userTokenName: newName });

  // Once the old one is revoked, the new one still says what it replaced.
  await old.getByRole("button", { name: "Revoke demo-runner", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(old).toHaveCount(0);
  await page.reload();
  await expect(fresh).toContainText("Replaces demo-runner");
});

test("a portfolio made here shows its investment and description from the ledger", async ({ page }) => {
  await signIn(page, BOB);
  await post(page, "/api/portfolios", {
    agentPortfolioName: "Momentum",
    investmentAmountInUsd: 2500,
    agentPortfolioDescription: "Trend following on demo",
    userTokenName: "first",
    scopeNames: [DEMO_READ],
    ipsWhitelist: ["203.0.113.9"],
    expiresAt: inDays(30),
  });
  await page.reload();
  const card = page.getByRole("region", { name: "Momentum" });
  await expect(card).toContainText("Investment$2,500.00");
  await expect(card.getByText("Trend following on demo")).toBeVisible();
});

test("row actions are named with their token; rows and cards carry stable test ids", async ({ page }) => {
  await signIn(page, ALICE);
  const alpha = (await list(page.request)).agentPortfolios.find((p) => p.agentPortfolioName === "AlphaBot")!;
  const liveTrader = alpha.userTokens.find((t) => t.userTokenName === "live-trader")!;

  const card = page.getByTestId(`portfolio-${alpha.agentPortfolioId}`);
  await expect(card.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
  const row = page.getByTestId(`token-row-${liveTrader.userTokenId}`);
  await expect(row).toHaveAccessibleName("Token live-trader");
  for (const action of ["Edit", "Roll", "Revoke"]) {
    await expect(row.getByRole("button", { name: `${action} live-trader`, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "Revoke live-trader", exact: true })).toHaveCount(1);
});

test("the console has its own icon and web manifest", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);

  await page.goto("/login");
  const href = async (selector: string) => (await page.locator(selector).first().getAttribute("href"))!;
  for (const [selector, type] of [
    ['link[rel="icon"][type="image/svg+xml"]', /^image\/svg\+xml/],
    ['link[rel="apple-touch-icon"]', /^image\/png/],
  ] as const) {
    const res = await request.get(await href(selector));
    expect(res.status(), selector).toBe(200);
    expect(res.headers()["content-type"], selector).toMatch(type);
  }
  const manifest = await request.get(await href('link[rel="manifest"]'));
  expect(manifest.status()).toBe(200);
  const body = await manifest.json();
  expect(body).toMatchObject({ name: "Agent Portfolio Console", start_url: "/portfolios" });
  for (const icon of body.icons as { src: string }[]) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
});
