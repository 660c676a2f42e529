import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { ALICE, BOB, expect, signIn, test } from "./support/fixtures";
import { APP_URL } from "./support/ports";

const DEMO_READ = "etoro-public:trade.demo:read";
const DEMO_WRITE = "etoro-public:trade.demo:write";
const sameOrigin = { origin: APP_URL, "content-type": "application/json" };
const DAY = 24 * 60 * 60 * 1000;

type Api = APIRequestContext;

/** A portfolio of Bob's with one token minted, narrowed and revoked, all through the BFF. */
async function bobHistory(api: Api) {
  const suffix = randomBytes(3).toString("hex");
  const portfolioName = `Au${suffix}`;
  const tokenName = `audit-bot-${suffix}`;
  const created = await api.post("/api/portfolios", {
    headers: sameOrigin,
    data: { agentPortfolioName: portfolioName, investmentAmountInUsd: 750, userTokenName: "first", scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: null },
  });
  expect(created.status()).toBe(201);
  const portfolioId = (await created.json()).portfolio.agentPortfolioId as string;
  const minted = await api.post(`/api/portfolios/${portfolioId}/tokens`, {
    headers: sameOrigin,
    data: { userTokenName: tokenName, scopeNames: [DEMO_READ, DEMO_WRITE], ipsWhitelist: ["198.51.100.4"], expiresAt: new Date(Date.now() + 30 * DAY).toISOString() },
  });
  expect(minted.status()).toBe(201);
  const tokenId = (await minted.json()).token.userTokenId as string;
  expect((await api.get("/api/portfolios")).status()).toBe(200); // so the BFF knows the token's "before"
  const narrowed = await api.patch(`/api/portfolios/${portfolioId}/tokens/${tokenId}`, { headers: sameOrigin, data: { scopeNames: [DEMO_READ] } });
  expect(narrowed.status()).toBe(204);
  expect((await api.delete(`/api/portfolios/${portfolioId}/tokens/${tokenId}`, { headers: sameOrigin })).status()).toBe(204);
  return { portfolioName, portfolioId, tokenName, tokenId };
}

const rowsOnScreen = (page: Page) => page.getByTestId("audit-event");

test("/audit shows the mint, change and revoke with before → after, and the chain verifies", async ({ page }) => {
  await signIn(page, BOB);
  const h = await bobHistory(page.request);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("chain-badge")).toHaveText("Chain verified");

  await page.getByLabel("Portfolio").fill(h.portfolioName);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rowsOnScreen(page)).toHaveCount(4);
  const [revoke, change, mint, create] = await rowsOnScreen(page).all();
  await expect(revoke).toContainText("Token revoked");
  await expect(revoke).toContainText(h.tokenName);
  await expect(change).toContainText("Token changed");
  await expect(change.getByRole("deletion")).toHaveText("−Demo · trade");
  await expect(mint).toContainText("Token minted");
  await expect(mint).toContainText("IPs: — → 198.51.100.4");
  await expect(create).toContainText("Portfolio created");
  // Exact UTC time on hover.
  await revoke.locator("time").hover();
  await expect(page.getByRole("tooltip")).toContainText("UTC");
  // The filter lives in the URL: a reload keeps it.
  await page.reload();
  await expect(rowsOnScreen(page)).toHaveCount(4);
});

test("Export CSV of a filtered view holds exactly the rows on screen, formulas neutralised", async ({ page }) => {
  await signIn(page, BOB);
  const h = await bobHistory(page.request);
  await page.goto("/audit");
  await page.getByLabel("Token").fill(h.tokenName);
  await page.getByLabel("Outcome").click();
  await page.getByRole("option", { name: "Succeeded" }).click();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rowsOnScreen(page)).toHaveCount(3);
  const onScreen = await rowsOnScreen(page).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event-id")));

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await downloading).path();
  const bytes = await readFile(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain("\r\n");
  const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r["Event id"])).toEqual(onScreen);
  expect(rows.map((r) => r.Action)).toEqual(["token.revoke", "token.update", "token.mint"]);
  expect(rows[1]["Before → after"]).toBe("Scopes: −Demo · trade");
});

test("Bob never sees Alice's events, and Alice never Bob's", async ({ page, browser }) => {
  await signIn(page, BOB);
  const h = await bobHistory(page.request);
  const alice = await browser.newPage();
  try {
    await signIn(alice, ALICE);
    const byName = await alice.request.get(`/api/audit?portfolio=${h.portfolioName}`);
    expect((await byName.json()).events).toEqual([]);
    const byToken = await alice.request.get(`/api/audit?token=${h.tokenId}`);
    expect((await byToken.json()).events).toEqual([]);
    const csv = await (await alice.request.get(`/api/audit/export?portfolio=${h.portfolioId}`)).text();
    expect(csv.trim().split("\r\n")).toHaveLength(1);
    expect((await (await alice.request.get(`/api/portfolios/${h.portfolioId}/history`)).json()).tokens).toEqual([]);
    // And the other way round: none of Alice's sign-ins in Bob's ledger.
    const mine = (await (await page.request.get("/api/audit?limit=200")).json()).events as { portfolioName: string | null }[];
    expect(mine.some((e) => e.portfolioName === "AlphaBot")).toBe(false);
  } finally {
    await alice.close();
  }
  expect((await page.request.get("/api/audit?cursor=bm9wZQ")).status()).toBe(400);
  expect((await page.request.get("/api/audit?action=token.explode")).status()).toBe(400);
});

test("dates the ledger cannot hold and control characters in a filter are a 400 naming the field, on /api/audit and its export", async ({ page }) => {
  await signIn(page, BOB);
  for (const [field, value] of [
    ["from", "0000-01-01T00:00:00Z"],
    ["to", "9999-12-31T23:59:59-14:00"],
    ["from", "0001-01-01T00:00:00+01:00"],
    ["portfolio", "Alpha\u0000"],
    ["token", "bot\u001b[2J"],
  ] as const) {
    for (const path of ["/api/audit", "/api/audit/export"]) {
      const res = await page.request.get(`${path}?${new URLSearchParams({ [field]: value })}`);
      expect(res.status(), `${path} ${field}=${JSON.stringify(value)}`).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("ValidationFailed");
      expect(Object.keys(error.fields)).toEqual([field]);
    }
  }
  // Odd shapes: every answer is a 200 or a 400 naming what was sent, never the ledger's 503.
  const field = fc.constantFrom("from", "to", "portfolio", "token");
  const value = fc.oneof(
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -14, max: 14 })).map(
      ([year, hours]) => `${String(year).padStart(4, "0")}-06-15T12:00:00${hours < 0 ? "-" : "+"}${String(Math.abs(hours)).padStart(2, "0")}:00`,
    ),
  );
  await fc.assert(
    fc.asyncProperty(field, value, fc.constantFrom("/api/audit", "/api/audit/export"), async (name, v, path) => {
      const res = await page.request.get(`${path}?${new URLSearchParams({ [name]: v })}`);
      if (res.status() === 200) return true;
      const { error } = await res.json();
      return res.status() === 400 && Object.keys(error.fields ?? {}).join() === name;
    }),
    { seed: 20261206, numRuns: 80 },
  );
  // The ends of the range are still a filter the ledger answers.
  const ends = await page.request.get(`/api/audit?${new URLSearchParams({ from: "0001-01-01T00:00:00Z", to: "9999-12-31T23:59:59.999Z" })}`);
  expect(ends.status()).toBe(200);
});

test("/portfolios/[id]: figures, outside tokens, delegation chain, timeline and Show revoked", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("region", { name: "DemoScout" }).getByRole("link", { name: "DemoScout" }).click();
  await expect(page.getByRole("heading", { name: "DemoScout", level: 1 })).toBeVisible();
  await expect(page.getByTestId("detail-token").getByText("Created outside this console")).toBeVisible();
  await expect(page.getByRole("list", { name: "Delegation of n8n-agent" })).toContainText("n8n Workflow");
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Token found (created outside this console)");

  // Recorded once, however often the list is read.
  await page.reload();
  await expect(page.getByRole("heading", { name: "DemoScout", level: 1 })).toBeVisible();
  const found = await (await page.request.get("/api/audit?action=token.discovered&token=n8n-agent")).json();
  const ids = (found.events as { tokenId: string }[]).map((e) => e.tokenId);
  expect(new Set(ids).size).toBe(ids.length);

  // Revoke a token here; its history stays.
  await page.goto("/portfolios");
  await page.getByRole("region", { name: "MeanRevert" }).getByRole("link", { name: "MeanRevert" }).click();
  await expect(page.getByRole("heading", { name: "MeanRevert", level: 1 })).toBeVisible();
  await page.getByRole("listitem", { name: "Token demo-runner", exact: true }).getByRole("button", { name: "Revoke demo-runner", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("listitem", { name: "Token demo-runner", exact: true })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Token revoked · demo-runner");

  await page.getByRole("checkbox", { name: "Show revoked" }).check();
  const gone = page.getByRole("listitem", { name: "Revoked token demo-runner" });
  await expect(gone).toContainText("revoked");
  await expect(gone).toContainText("Created outside this console, first seen");
  await expect(gone).toContainText("lived");
  await expect(gone.getByRole("group", { name: "Scopes it held" })).toContainText("Demo · trade");
});

test("expiry banner: Extend gives an expiring token a new expiry; expired tokens are listed to revoke", async ({ page }) => {
  await signIn(page, ALICE);
  const banner = page.getByRole("region", { name: "Token expiry" });
  await expect(banner).toContainText("risk-monitor");
  await expect(banner).toContainText("paper-trial");
  await banner.getByRole("button", { name: "Extend risk-monitor" }).click();
  await expect(page.getByText(/Extended risk-monitor by/)).toBeVisible();
  await expect(banner.getByRole("button", { name: /^Extend risk-monitor/ })).toHaveCount(0);
  const monitor = page.getByRole("listitem", { name: "Token risk-monitor", exact: true });
  await expect(monitor).not.toContainText("Expiring soon");

  await banner.getByRole("button", { name: "Revoke expired token paper-trial" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole("listitem", { name: "Token paper-trial", exact: true })).toHaveCount(0);
});
