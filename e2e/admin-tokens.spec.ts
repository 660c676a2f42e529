import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { ALICE, expect, sandbox, signIn, signInQuietly, test } from "./support/fixtures";
import { SANDBOX_URL } from "./support/ports";

const REAL_READ = "etoro-public:trade.real:read";
const REAL_WRITE = "etoro-public:trade.real:write";

type Token = { userTokenId: string; userTokenName: string; scopeNames: string[]; ipsWhitelist: string[] };
type Portfolio = { agentPortfolioId: string; agentPortfolioName: string; userTokens: Token[] };

/** Alice's account as eToro (the sandbox) has it, read behind the console's back. */
async function upstream(method = "GET", path = "/api/v1/agent-portfolios", body?: unknown): Promise<{ agentPortfolios: Portfolio[] }> {
  const res = await fetch(`${SANDBOX_URL}${path}`, {
    method,
    headers: { "x-api-key": "sandbox-api-key", "x-user-key": ALICE, "x-request-id": randomUUID(), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return res.json();
}
const allTokens = async () => (await upstream()).agentPortfolios.flatMap((p) => p.userTokens.map((t) => ({ ...t, portfolio: p.agentPortfolioName })));

async function openTokens(page: Page) {
  await signIn(page, ALICE);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tokens" }).click();
  await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
  await expect(page.getByTestId("token-count")).toContainText("tokens");
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Waits for the job banner to say the job finished and returns its words. */
async function jobFinished(page: Page, title: string) {
  const job = page.getByRole("region", { name: "Background jobs" }).getByRole("listitem", { name: `Job: ${title}` }).first();
  await expect(job).toContainText(`${title} finished`, { timeout: 45_000 });
  return job;
}

test("filter to real-money write tokens with no IP limit, revoke them in one job, and the list and /audit agree", async ({ page }) => {
  // Two more risky tokens beside the seed's live-trader, minted behind the console's back.
  const { agentPortfolios } = await upstream();
  const scout = agentPortfolios.find((p) => p.agentPortfolioName === "DemoScout")!;
  for (const name of ["rogue-one", "rogue-two"]) {
    await upstream("POST", `/api/v2/agent-portfolios/${scout.agentPortfolioId}/user-tokens`, { userTokenName: name, scopeNames: [REAL_READ, REAL_WRITE] });
  }
  const before = await allTokens();
  const risky = before.filter((t) => t.scopeNames.includes(REAL_WRITE) && t.ipsWhitelist.length === 0);
  expect(risky.map((t) => t.userTokenName).sort()).toEqual(["live-trader", "rogue-one", "rogue-two"]);

  await openTokens(page);
  await pick(page, "Account", "Real money");
  await page.getByRole("checkbox", { name: "Can trade (write)" }).check();
  await page.getByRole("checkbox", { name: "No IP limit" }).check();
  await expect(page.getByTestId("token-count")).toContainText(`3 of ${before.length} tokens`);
  await expect(page.getByTestId("hidden-count")).toHaveText(`${before.length - 3} hidden by filters`);

  await page.getByRole("checkbox", { name: "Select all 3 matching" }).check();
  await page.getByRole("button", { name: "Revoke selected" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Revoke 3 selected tokens?" });
  await expect(dialog.getByTestId("job-plan")).toContainText("3 calls to eToro");
  await expect(dialog).toContainText("keeps your user key sealed with its secret, in this job only, for about");
  await dialog.getByRole("button", { name: "Revoke selected" }).click();
  await expect(dialog).toBeHidden();

  const job = await jobFinished(page, "Revoking tokens");
  await expect(job).toContainText("3 done · 0 failed · 0 left");
  await expect(page.getByText("No token matches these filters.")).toBeVisible();
  await expect(page.getByTestId("token-count")).toContainText(`0 of ${before.length - 3} tokens`);
  const after = await allTokens();
  expect(after.map((t) => t.userTokenId).sort()).toEqual(before.filter((t) => !risky.includes(t)).map((t) => t.userTokenId).sort());

  await job.getByRole("button", { name: "Show results" }).click();
  const results = page.getByRole("dialog", { name: "Revoking tokens: results" });
  await expect(results.getByRole("list", { name: "Results per item" }).getByRole("listitem")).toHaveCount(3);
  await expect(results).toContainText("live-trader");
  await results.getByRole("button", { name: "Close" }).first().click();

  // The ledger agrees with the list: one "Token revoked" row for each, from this job. The lane's ledger
  // also keeps what earlier files did to the seed's tokens of the same names: this run's tokens by id.
  const ours = new Set(before.map((t) => t.userTokenId));
  const revoked = (await (await page.request.get("/api/audit?action=token.revoke")).json()) as { events: { tokenId: string | null; tokenName: string; outcome: string }[] };
  const ourRevokes = revoked.events.filter((e) => e.outcome === "ok" && e.tokenId !== null && ours.has(e.tokenId));
  expect(ourRevokes.map((e) => e.tokenName).sort()).toEqual(["live-trader", "rogue-one", "rogue-two"]);
  for (const token of risky) {
    await page.goto(`/audit?action=token.revoke&token=${token.userTokenId}`);
    await expect(page.getByTestId("audit-event").filter({ hasText: token.userTokenName })).toHaveCount(1);
  }
});

test("bulk revoke of 5 tokens with a sandbox fault failing one reports 4 done and 1 failed; Retry failed completes it", async ({ page }) => {
  const tokens = await allTokens();
  expect(tokens).toHaveLength(5);
  const victim = tokens.find((t) => t.userTokenName === "demo-runner")!;
  await sandbox.fault({ status: 503, times: 1, match: { method: "DELETE", path: victim.userTokenId } });

  await openTokens(page);
  await page.getByRole("checkbox", { name: "Select all 5 matching" }).check();
  await page.getByRole("button", { name: "Revoke selected" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Revoke 5 selected tokens?" });
  await expect(dialog.getByTestId("job-plan")).toContainText("5 calls to eToro");
  await dialog.getByRole("button", { name: "Revoke selected" }).click();

  const job = await jobFinished(page, "Revoking tokens");
  await expect(job).toContainText("4 done · 1 failed · 0 left");
  await job.getByRole("button", { name: "Show results" }).click();
  const results = page.getByRole("dialog", { name: "Revoking tokens: results" });
  const failed = results.getByRole("listitem").filter({ hasText: "Failed" });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("demo-runner");
  await expect(failed).toContainText("Request id:");
  await page.keyboard.press("Escape");
  expect((await allTokens()).map((t) => t.userTokenName)).toEqual(["demo-runner"]);

  await job.getByRole("button", { name: "Retry failed" }).click();
  await expect(job).toContainText("Revoking tokens finished: 5 done · 0 failed · 0 left", { timeout: 45_000 });
  expect(await allTokens()).toEqual([]);
  await expect(page.getByTestId("token-count")).toContainText("0 of 0 tokens");
});

test("Freeze all, then Unfreeze restores every token's scopes exactly", async ({ page }) => {
  const before = await allTokens();
  const writers = before.filter((t) => t.scopeNames.some((s) => s.endsWith(":write")));
  expect(writers.length).toBeGreaterThan(0);

  await openTokens(page);
  await page.getByRole("button", { name: "Freeze all" }).click();
  const freeze = page.getByRole("alertdialog", { name: "Freeze every write token?" });
  await expect(freeze.getByTestId("job-plan")).toContainText(`${writers.length} calls to eToro`);
  await freeze.getByRole("button", { name: "Freeze all" }).click();
  await jobFinished(page, "Freezing tokens");
  const frozen = await allTokens();
  expect(frozen.filter((t) => t.scopeNames.some((s) => s.endsWith(":write")))).toEqual([]);

  await page.getByRole("button", { name: "Unfreeze" }).click();
  const unfreeze = page.getByRole("alertdialog", { name: "Unfreeze tokens?" });
  await expect(unfreeze.getByTestId("job-plan")).toContainText(`${writers.length} calls to eToro`);
  await unfreeze.getByRole("button", { name: "Unfreeze" }).click();
  await jobFinished(page, "Unfreezing tokens");
  const scopes = (list: Token[]) => Object.fromEntries(list.map((t) => [t.userTokenId, [...t.scopeNames].sort()]));
  expect(scopes(await allTokens())).toEqual(scopes(before));
});

test("Revoke all tokens needs REVOKE ALL typed; Fastest stop lists what it would delete", async ({ page }) => {
  await openTokens(page);
  await page.getByRole("button", { name: "Revoke all tokens" }).click();
  const revoke = page.getByRole("alertdialog", { name: "Revoke every token?" });
  const go = revoke.getByRole("button", { name: "Revoke all tokens" });
  await expect(revoke.getByTestId("job-plan")).toBeVisible();
  await expect(go).toBeDisabled();
  await revoke.getByLabel("Type REVOKE ALL to confirm").fill("revoke all");
  await expect(go).toBeDisabled();
  await revoke.getByLabel("Type REVOKE ALL to confirm").fill("REVOKE ALL");
  await expect(go).toBeEnabled();
  await revoke.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Fastest stop: delete portfolios" }).click();
  const stop = page.getByRole("alertdialog", { name: "Fastest stop: delete every portfolio?" });
  await expect(stop).toContainText("its copy mirror closes");
  await expect(stop.getByRole("list", { name: "What would be deleted" }).getByRole("listitem")).toHaveText(["AlphaBot", "MeanRevert", "DemoScout"]);
  await expect(stop.getByRole("button", { name: "Delete all portfolios" })).toBeDisabled();
  await stop.getByRole("button", { name: "Cancel" }).click();
  // Nothing was deleted or revoked.
  expect((await upstream()).agentPortfolios).toHaveLength(3);
  await sandbox.clearFaults();
});

test("jobs through the API: bad input is a clear 4xx, and Bob never sees Alice's jobs", async ({ page, browser }) => {
  await signIn(page, ALICE);
  const origin = new URL(page.url()).origin;
  const post = (path: string, data: unknown, headers: Record<string, string> = {}) =>
    page.request.post(path, { data, headers: { origin, "content-type": "application/json", ...headers } });

  const bad = await post("/api/jobs", { kind: "explode", all: true });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("ValidationFailed");
  expect((await post("/api/jobs", { kind: "revoke", all: true })).status()).toBe(400); // REVOKE ALL not typed
  expect((await post("/api/jobs", { kind: "revoke", tokenIds: ["not-a-uuid"] })).status()).toBe(400);
  expect((await post("/api/jobs", { kind: "freeze", all: true }, { origin: "https://evil.example" })).status()).toBe(403);

  const plan = await post("/api/jobs", { kind: "revoke", all: true, dryRun: true });
  expect(plan.status()).toBe(200);
  const { plan: p } = await plan.json();
  expect(p.calls).toBe(5);
  expect(p.etaSeconds).toBeGreaterThan(0);

  const live = (await allTokens()).find((t) => t.userTokenName === "live-trader")!;
  const created = await post("/api/jobs", { kind: "freeze", tokenIds: [live.userTokenId] });
  expect(created.status()).toBe(201);
  const { job } = await created.json();
  expect(JSON.stringify(job)).not.toContain(ALICE);

  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signIn(bob, "sandbox-bob");
  expect((await bob.request.get(`/api/jobs/${job.id}`)).status()).toBe(404);
  expect((await (await bob.request.get("/api/jobs")).json()).jobs).toEqual([]);
  const bobCancel = await bob.request.post(`/api/jobs/${job.id}/cancel`, { data: {}, headers: { origin, "content-type": "application/json" } });
  expect(bobCancel.status()).toBe(404);
  await bobContext.close();

  const mine = await page.request.get(`/api/jobs/${job.id}`);
  expect(mine.status()).toBe(200);
  expect((await mine.json()).job.items).toEqual([expect.objectContaining({ tokenName: "live-trader" })]);
});

test("1,000 portfolios × 10 tokens: the table renders only the rows on screen", async ({ page }) => {
  await sandbox.reset({ seedPortfolios: 1000, seedTokens: 10 });
  // The account's first read records 10,000 outside tokens in the ledger (seconds, once): waited for below, not at sign-in.
  await signInQuietly(page, ALICE);
  // Straight to /tokens: this is about the table, not about /portfolios at 1,000 cards.
  await page.goto("/tokens");
  await expect(page.getByTestId("token-count")).toHaveText("10,000 of 10,000 tokens", { timeout: 30_000 });
  const rendered = page.locator("tbody tr[data-token-id]");
  expect(await rendered.count()).toBeLessThan(60);

  await page.getByRole("searchbox", { name: "Search" }).fill("Seed01000");
  await expect(page.getByTestId("token-count")).toHaveText("10 of 10,000 tokens");
  await page.getByRole("searchbox", { name: "Search" }).fill("");
  await page.getByTestId("tokens-scroller").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('tbody tr[aria-rowindex="10001"]')).toBeVisible();
  expect(await rendered.count()).toBeLessThan(60);
});
