/**
 * GET /api/portfolios/page over real HTTP, and /portfolios on a big account:
 * the server searches and pages, bad parameters are a 400
 * that names them, and the page downloads and renders what it shows, not the account.
 */
import type { PortfolioPage } from "@/lib/domain/types";
import { ALICE, expect, sandbox, signIn, signInQuietly, test } from "./support/fixtures";

test("bad paging or search parameters are a 400 naming the parameter, never a 500", async ({ page }) => {
  expect((await page.request.get("/api/portfolios/page")).status()).toBe(401);
  await signIn(page, ALICE);
  for (const [query, field] of [
    ["offset=-1", "offset"],
    ["offset=ten", "offset"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=2.5", "limit"],
    [`q=${"x".repeat(201)}`, "q"],
    ["offset=0&offset=25", "offset"],
  ] as const) {
    const res = await page.request.get(`/api/portfolios/page?${query}`);
    expect(res.status(), query).toBe(400);
    const { error } = await res.json();
    expect(error.code, query).toBe("ValidationFailed");
    expect(Object.keys(error.fields), query).toEqual([field]);
  }
});

test("1,000 portfolios × 10 tokens: pages cover the account once, the search runs on the server", async ({ page }) => {
  await sandbox.reset({ seedPortfolios: 1000, seedTokens: 10 });
  // The account's first read records 10,000 outside tokens in the ledger (seconds, once): waited for below, not at sign-in.
  await signInQuietly(page, ALICE);
  const get = async (query: string): Promise<PortfolioPage> => {
    const res = await page.request.get(`/api/portfolios/page?${query}`);
    expect(res.status(), query).toBe(200);
    return res.json();
  };

  const ids: string[] = [];
  for (let offset = 0; offset < 1000; offset += 100) {
    const p = await get(`offset=${offset}&limit=100`);
    expect(p).toMatchObject({ offset, limit: 100, matchedPortfolios: 1000, matchedTokens: 10_000, totals: { portfolios: 1000, tokens: 10_000 } });
    ids.push(...p.matches.map((m) => m.portfolio.agentPortfolioId));
  }
  expect(ids).toHaveLength(1000);
  expect(new Set(ids).size).toBe(1000);
  expect((await get("offset=1000")).matches).toEqual([]);

  const one = await get("q=seed01000");
  expect(one).toMatchObject({ q: "seed01000", matchedPortfolios: 1, matchedTokens: 10 });
  expect(one.matches[0].portfolio.agentPortfolioName).toBe("Seed01000");
  expect(one.matches[0].shownTokenIds).toBeNull();
});

test("/portfolios on 1,000 × 10 downloads a page, renders the cards on screen, and searches on the server", async ({ page }) => {
  await sandbox.reset({ seedPortfolios: 1000, seedTokens: 10 });
  const listReads: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/portfolios") listReads.push(r.url());
  });
  await signInQuietly(page, ALICE);
  // The account's first read records its 10,000 outside tokens in the ledger (seconds, once, and it
  // holds the server's event loop): waited for here, outside the page, before the page is what is tested.
  expect((await page.request.get("/api/portfolios/page?offset=0&limit=1", { timeout: 60_000 })).status()).toBe(200);
  await page.goto("/portfolios");
  await expect(page.getByText("1,000 portfolios, 10,000 tokens")).toBeVisible();
  // The windowed list too: the HTML holds the first cards before any script runs.
  expect(await (await page.request.get("/portfolios")).text()).toContain('data-testid="portfolio-');
  const cards = page.locator('[data-testid^="portfolio-"]');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeLessThan(10);
  await expect(page.getByText("Showing 25 of 1,000")).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("Seed01000");
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText("10 tokens in 1 portfolio match “Seed01000”.");
  await expect(page.getByRole("region", { name: "Seed01000" })).toBeVisible();
  await expect(cards).toHaveCount(1);

  await page.getByRole("searchbox", { name: "Search" }).fill("");
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(page.getByText("Showing 125 of 1,000")).toBeVisible();
  expect(await cards.count()).toBeLessThan(10);
  // The whole account never reaches this page.
  expect(listReads).toEqual([]);
});

test("the first rows come with the HTML: /portfolios and /tokens show them with scripts off", async ({ page, browser }) => {
  await signIn(page, ALICE);
  const noScripts = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const bare = await noScripts.newPage();
    await bare.goto("/portfolios");
    await expect(bare.getByText(/^\d+ portfolios?, \d+ tokens?$/)).toBeVisible();
    await expect(bare.locator('[data-testid^="portfolio-"]').first()).toBeVisible();
    await bare.goto("/tokens");
    await expect(bare.getByTestId("token-count")).toHaveText(/^\d+ of \d+ tokens$/);
    await expect(bare.getByRole("row").nth(1)).toBeVisible();
  } finally {
    await noScripts.close();
  }
});
