/**
 * The gateway's whole story with a real agent: a gateway-only token minted in
 * the console, the example agent (a child process, plain fetch) trading through
 * this lane's <console>/gateway, its usage filling /tokens and the token's
 * page, a freeze in the console stopping its next order within 1 s while its
 * reads go on, and /audit holding the order and the refusal. The same token
 * called directly at the sandbox is refused by the sandbox's IP check.
 */
import { expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { ALICE, fillWizard, openFromNav, openMintWizard, runAgentOnce, signIn, startAgentLoop, takeSecretAndClose } from "./kit";
import { APP_URL, SANDBOX_URL } from "./support/ports";
import { test } from "./support/fixtures";

const DEMO_READ = "etoro-public:trade.demo:read";
const DEMO_WRITE = "etoro-public:trade.demo:write";
const GATEWAY = `${APP_URL}/gateway`;

/** /tokens narrowed to the agent's token; its row. */
async function agentRow(page: Page, token: string) {
  // /portfolios has a Search box too: be on /tokens first.
  await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search" }).fill(token);
  return page.getByRole("row", { name: `Token ${token} (AlphaBot)` });
}

test("an agent trades through the gateway; its usage shows; a freeze stops its next order within 1 s, reads go on; /audit has both", async ({ page }) => {
  // Its own name each run: the ledger keeps what an earlier attempt or repeat did under a name.
  const token = `gateway-agent-${randomUUID().slice(0, 8)}`;
  // A real agent process and a freeze job: minutes on a loaded machine.
  test.setTimeout(300_000);
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  await fillWizard(wizard, { name: token, scopes: [DEMO_READ, DEMO_WRITE], expiry: "7 days" });
  await expect(page.getByRole("dialog", { name: "Copy your token now" })).toContainText("From: 127.0.0.2");
  const secret = await takeSecretAndClose(page);

  // Around the gateway: eToro (the sandbox) takes this token only from the gateway's address.
  const direct = await fetch(`${SANDBOX_URL}/api/v1/trading/info/demo/portfolio`, {
    headers: { "x-user-key": secret, "x-api-key": "sandbox-api-key", "x-request-id": randomUUID() },
  });
  expect(direct.status).toBe(403);
  expect(await direct.json()).toMatchObject({ errorCode: "IpNotAllowed" });

  // One round of the example agent, as `npm run agent:example` runs it.
  const once = await runAgentOnce(GATEWAY, secret);
  expect(once.stderr).toBe("");
  expect(once.code).toBe(0);
  expect(once.stdout).toMatch(/me: AlphaBot/);
  expect(once.stdout).toMatch(/order placed: bought \$10\.00 of instrument 1001/);
  expect(once.stdout).not.toContain(secret);

  await openFromNav(page, "Tokens");
  const row = await agentRow(page, token);
  // Usage rows are written in batches, every second: reload until they are in.
  await expect(async () => {
    await page.reload();
    const fresh = await agentRow(page, token);
    await expect(fresh.getByRole("cell").nth(3)).not.toHaveText("Never", { timeout: 10_000 });
    await expect(fresh.getByRole("cell").nth(4)).toHaveText("4", { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).not.toContainText("Can go around the gateway");

  await row.getByRole("link", { name: `Usage of ${token}` }).click();
  await expect(page.getByRole("heading", { name: `Usage of ${token}` })).toBeVisible();
  await expect(page.getByText("Only through the console gateway").first()).toBeVisible();
  const hourly = page.getByRole("table", { name: /Calls per hour/ });
  // One busy hour (two at most, across the turn of an hour), four calls in all.
  await expect(hourly.getByRole("row")).not.toHaveCount(1);
  await expect(hourly).not.toContainText("No calls in this period.");
  await expect(page.getByTestId("usage-chart").locator("canvas").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Orders placed" }).first()).toContainText("openMarketPositionByAmountDemo");

  // Now the agent keeps trading, and the admin freezes it mid-run.
  const agent = startAgentLoop(GATEWAY, secret, 0.2);
  try {
    await agent.waitFor(/^order placed/);
    await openFromNav(page, "Tokens");
    await (await agentRow(page, token)).getByRole("checkbox", { name: `Select ${token} (AlphaBot)` }).check();
    await page.getByRole("button", { name: "Freeze selected" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Freeze 1 selected token?" });
    await expect(confirm.getByTestId("job-plan")).toBeVisible();
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/jobs" && r.status() === 201);
    await confirm.getByRole("button", { name: "Freeze selected" }).click();
    const freeze = await answered;
    // The moment the freeze's answer reached the browser (its own clock, as the agent's).
    const timing = freeze.request().timing();
    const frozenAt = timing.startTime + Math.max(timing.responseStart, 0);

    const refused = await agent.waitFor(/^order refused/, { since: frozenAt });
    expect(refused.text).toMatch(/^order refused \(403 Forbidden\): .*frozen in the console/);
    expect(refused.at - frozenAt, "ms from the freeze's answer to the agent's refused order").toBeLessThan(1_000);
    // Its reads still answer after the refusal.
    await agent.waitFor(/^portfolio: \d+ open positions/, { since: refused.at });
    await agent.waitFor(/^order refused/, { since: refused.at + 1 });
    const placedAfter = agent.lines.filter((l) => l.at > frozenAt + 1_000 && /^order placed/.test(l.text));
    expect(placedAfter, "orders that went through more than 1 s after the freeze").toEqual([]);
    console.log(`freeze → refused order: ${refused.at - frozenAt} ms`);
  } finally {
    expect(await agent.stop()).toBe(0);
  }

  await openFromNav(page, "Audit");
  const events = page.getByRole("table", { name: "Audit events" });
  // On /audit before reloading: a reload while the click's navigation is still under way reloads the page before.
  await expect(page).toHaveURL(/\/audit(\?|$)/);
  await expect(events).toBeVisible();
  // The refusal's ledger event is written with its usage row, in the next batch: reload until it is in.
  await expect(async () => {
    await page.reload();
    await expect(events.getByRole("row").filter({ hasText: "Agent order (gateway)" }).first()).toBeVisible({ timeout: 5_000 });
    await expect(events.getByRole("row").filter({ hasText: "Refused at the gateway" }).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.locator("body")).not.toContainText(secret);
});
