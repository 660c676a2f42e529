import { ALICE, BOB, expect, sandbox, signIn, test } from "./support/fixtures";
import { fillWizard, openMintWizard, takeSecretAndClose } from "./support/wizard";

const DEMO_READ = "etoro-public:trade.demo:read";
const REAL_WRITE = "etoro-public:trade.real:write";

test.describe("create a portfolio and take its secret once", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("create → copy-once → Copy → Done; then the secret is gone for good", async ({ page }) => {
    await signIn(page, BOB);
    await page.getByRole("button", { name: "New portfolio" }).click();
    const form = page.getByRole("dialog", { name: "New portfolio" });
    await form.getByLabel("Portfolio name").fill("Momentum");
    await form.getByLabel("Investment (USD)").fill("2000");
    await expect(form).toContainText("$2,000.00");
    await form.getByLabel("Description").fill("Trend following on demo");
    await form.getByLabel("Token name").fill("first-agent");
    await form.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
    await form.getByRole("radio", { name: "30 days", exact: true }).check();
    await form.getByRole("button", { name: "Create portfolio" }).click();

    const dialog = page.getByRole("dialog", { name: "Copy your token now" });
    await expect(dialog).toBeVisible();
    const secret = await dialog.getByLabel("Token secret").inputValue();
    expect(secret).toMatch(/^sk_sandbox_/);

    // Escape and clicks outside do not dismiss it; Done waits for the checkbox.
    await page.keyboard.press("Escape");
    await page.mouse.click(5, 5);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Done" })).toBeDisabled();

    await dialog.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(dialog.getByText("Copied").first()).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expect(dialog).toContainText(`ETORO_USER_KEY=${secret}`);
    await expect(dialog).toContainText("ETORO_API_KEY=<your API key>");

    await dialog.getByRole("checkbox", { name: "I have stored this token securely" }).check();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();

    const region = page.getByRole("region", { name: "Momentum" });
    await expect(region.getByRole("listitem", { name: "Token first-agent", exact: true })).toBeVisible();
    await expect(region).toContainText(`…${secret.slice(-4)}`);

    const leaks = async () => {
      const state = await page.evaluate(() => ({
        html: document.documentElement.outerHTML,
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        url: location.href,
        history: JSON.stringify(history.state),
      }));
      return Object.entries(state).filter(([, v]) => v.includes(secret)).map(([k]) => k);
    };
    expect(await leaks()).toEqual([]);
    await page.reload();
    await expect(page.getByRole("region", { name: "Momentum" })).toBeVisible();
    expect(await leaks()).toEqual([]);
    await page.goBack();
    // Chromium may move the page to another renderer on a history step; a step asked during
    // the move fails ("Not attached to an active page", seen once in a clean-clone run), so it
    // is asked again until the page is back (a step past the last entry does nothing).
    await expect(async () => {
      await page.goForward();
      await expect(page).toHaveURL(/\/portfolios/, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole("region", { name: "Momentum" })).toBeVisible();
    expect(await leaks()).toEqual([]);
  });

  test("leaving the page while the secret is shown asks first", async ({ page }) => {
    await signIn(page, ALICE);
    const wizard = await openMintWizard(page, "DemoScout");
    await fillWizard(wizard, { name: "leave-test", scopes: [DEMO_READ], expiry: "7 days" });
    await expect(page.getByRole("dialog", { name: "Copy your token now" })).toBeVisible();
    let asked = false;
    page.once("dialog", async (d) => {
      asked = d.type() === "beforeunload";
      await d.dismiss();
    });
    await page.reload({ timeout: 3_000 }).catch(() => undefined);
    expect(asked).toBe(true);
    await expect(page.getByRole("dialog", { name: "Copy your token now" })).toBeVisible();
  });
});

test("mint with each expiry preset", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ALICE);
  const presets = ["24 hours", "7 days", "30 days", "90 days", "1 year", "Custom", "Never"] as const;
  // MeanRevert holds 2 tokens; 7 more stay under eToro's cap of 10.
  for (const expiry of presets) {
    const wizard = await openMintWizard(page, "MeanRevert");
    const name = `preset-${expiry.replace(/\s/g, "")}`;
    await fillWizard(wizard, { name, scopes: [DEMO_READ], expiry });
    await takeSecretAndClose(page);
    const row = page.getByRole("region", { name: "MeanRevert" }).getByRole("listitem", { name: `Token ${name}` });
    await expect(row).toBeVisible();
    await expect(row).toContainText(expiry === "Never" ? "never expires" : /expires (in|next|tomorrow)/);
  }
});

test("an invalid IP shows an inline error and sends no request", async ({ page }) => {
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  await wizard.getByLabel("Token name").fill("ip-check");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
  await wizard.getByRole("button", { name: "Next" }).click(); // Boundaries
  await wizard.getByRole("button", { name: "Next" }).click();

  const posts: string[] = [];
  page.on("request", (r) => r.method() !== "GET" && posts.push(r.url()));
  for (const bad of ["256.1.1.1", "1.2.3", "::1"]) {
    await wizard.getByLabel("IP address", { exact: true }).fill(bad);
    await wizard.getByRole("button", { name: "Add", exact: true }).click();
    await expect(wizard.getByLabel("IP address", { exact: true })).toHaveAttribute("aria-invalid", "true");
  }
  await expect(wizard.getByRole("list", { name: "Whitelisted addresses" })).toHaveCount(0);
  await wizard.getByLabel("IP address", { exact: true }).fill(" 10.0.0.1 ");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await wizard.getByLabel("IP address", { exact: true }).fill("10.0.0.1");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await expect(wizard).toContainText("already in the list");
  await expect(wizard.getByRole("button", { name: "Remove 10.0.0.1" })).toHaveCount(1);
  expect(posts).toEqual([]);
});

test("an unbounded real-money trading token needs an acknowledgement", async ({ page }) => {
  await signIn(page, BOB);
  await page.getByRole("button", { name: "New portfolio" }).click();
  const form = page.getByRole("dialog", { name: "New portfolio" });
  await form.getByLabel("Portfolio name").fill("RiskyOne");
  await form.getByLabel("Investment (USD)").fill("500");
  await form.getByLabel("Token name").fill("live");
  await form.getByRole("checkbox", { name: new RegExp(REAL_WRITE.replace(/\./g, "\\.")) }).check();
  await form.getByRole("radio", { name: "Never", exact: true }).check();
  let posted = 0;
  page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/api/portfolios") && posted++);
  await form.getByRole("button", { name: "Create portfolio" }).click();
  await expect(form.getByRole("checkbox", { name: /I understand/ })).toBeVisible();
  expect(posted).toBe(0);
  await form.getByRole("checkbox", { name: /I understand/ }).check();
  await form.getByRole("button", { name: "Create portfolio" }).click();
  await takeSecretAndClose(page);
  expect(posted).toBe(1);
});

test("server errors land on the right field", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("button", { name: "New portfolio" }).click();
  const form = page.getByRole("dialog", { name: "New portfolio" });
  await form.getByLabel("Portfolio name").fill("alphabot"); // taken, case-insensitively
  await form.getByLabel("Investment (USD)").fill("300");
  await form.getByLabel("Token name").fill("t1");
  await form.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
  await form.getByRole("radio", { name: "7 days", exact: true }).check();
  await form.getByRole("button", { name: "Create portfolio" }).click();
  await expect(form.getByLabel("Portfolio name")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("You already have a portfolio with this name.");
  await expect(form).toContainText("Request id:");

  await form.getByLabel("Investment (USD)").fill("199.99");
  await form.getByRole("button", { name: "Create portfolio" }).click();
  await expect(form.getByLabel("Investment (USD)")).toHaveAttribute("aria-invalid", "true");
});

test("409: a name taken since the list was loaded is explained on the name step", async ({ page }) => {
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  // Minted elsewhere after this page loaded its list: only the server can know.
  const list = await (await page.request.get("/api/portfolios")).json();
  const alpha = list.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "AlphaBot");
  const elsewhere = await page.request.post(`/api/portfolios/${alpha.agentPortfolioId}/tokens`, {
    headers: { origin: new URL(page.url()).origin, "content-type": "application/json" },
    data: { userTokenName: "taken-later", scopeNames: [DEMO_READ] },
  });
  expect(elsewhere.status()).toBe(201);
  await fillWizard(wizard, { name: "taken-later", scopes: [DEMO_READ], expiry: "7 days" });
  await expect(wizard).toContainText("A token with this name already exists in this portfolio");
  await expect(wizard.getByLabel("Token name")).toBeVisible();
  await expect(wizard.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
});

test("429: eToro's cap of 10 tokens and its quota are explained in words", async ({ page }) => {
  await signIn(page, ALICE);
  const list = await (await page.request.get("/api/portfolios")).json();
  const scout = list.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "DemoScout");
  const headers = { origin: new URL(page.url()).origin, "content-type": "application/json" };
  for (let i = scout.userTokens.length; i < 10; i++) {
    const res = await page.request.post(`/api/portfolios/${scout.agentPortfolioId}/tokens`, {
      headers,
      data: { userTokenName: `filler-${i}`, scopeNames: [DEMO_READ], expiresAt: null },
    });
    expect(res.status()).toBe(201);
  }
  await page.reload();
  let wizard = await openMintWizard(page, "DemoScout");
  await fillWizard(wizard, { name: "one-too-many", scopes: [DEMO_READ], expiry: "7 days" });
  await expect(wizard.getByRole("alert")).toContainText("10 tokens");
  await expect(wizard.getByRole("alert")).toContainText("Request id:");
  await page.keyboard.press("Escape");

  await sandbox.fault({ rateLimit: { retryAfterSeconds: 37 }, match: { method: "POST" } });
  wizard = await openMintWizard(page, "AlphaBot");
  await fillWizard(wizard, { name: "quota-hit", scopes: [DEMO_READ], expiry: "7 days" });
  await expect(wizard.getByRole("alert")).toContainText("37");
});

test("the 207 partial create offers to mint the first token", async ({ page }) => {
  await signIn(page, BOB);
  await sandbox.fault({ partialCreate: true, times: 1 });
  await page.getByRole("button", { name: "New portfolio" }).click();
  const form = page.getByRole("dialog", { name: "New portfolio" });
  await form.getByLabel("Portfolio name").fill("HalfMade");
  await form.getByLabel("Investment (USD)").fill("250");
  await form.getByLabel("Token name").fill("first");
  await form.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
  await form.getByRole("radio", { name: "7 days", exact: true }).check();
  await form.getByRole("button", { name: "Create portfolio" }).click();
  await expect(form).toBeHidden();
  const region = page.getByRole("region", { name: "HalfMade" });
  await expect(region).toContainText("Portfolio created, but its first token could not be minted");
  await expect(page.getByRole("dialog", { name: "Copy your token now" })).toHaveCount(0);
  await region.getByRole("status").getByRole("button", { name: "Mint token" }).click();
  const wizard = page.getByRole("dialog", { name: "Mint token for HalfMade" });
  await fillWizard(wizard, { name: "first", scopes: [DEMO_READ], expiry: "7 days" });
  await takeSecretAndClose(page);
  await expect(region.getByRole("listitem", { name: "Token first", exact: true })).toBeVisible();
  await expect(region).not.toContainText("could not be minted");
});

test("a double click mints once", async ({ page }) => {
  await signIn(page, ALICE);
  await sandbox.fault({ latencyMs: 600, match: { method: "POST" } });
  const wizard = await openMintWizard(page, "DemoScout");
  await fillWizard(wizard, { name: "double", scopes: [DEMO_READ], expiry: "7 days" }, { submit: false });
  let posts = 0;
  page.on("request", (r) => r.method() === "POST" && r.url().includes("/tokens") && posts++);
  await wizard.getByRole("button", { name: "Mint token" }).dblclick();
  await takeSecretAndClose(page);
  expect(posts).toBe(1);
  await expect(page.getByRole("region", { name: "DemoScout" }).getByRole("listitem", { name: "Token double", exact: true })).toHaveCount(1);
});

test("keyboard only: mint a token from the list", async ({ page }) => {
  await signIn(page, ALICE);
  const mint = page.getByRole("region", { name: "DemoScout" }).getByRole("button", { name: "Mint token" });
  await mint.focus();
  await page.keyboard.press("Enter");
  const wizard = page.getByRole("dialog", { name: "Mint token for DemoScout" });
  await expect(wizard.getByLabel("Token name")).toBeFocused();
  await page.keyboard.type("keyboard-bot");
  await page.keyboard.press("Enter"); // Next
  const scope = wizard.getByRole("checkbox", { name: /trade\.demo:read/ });
  await expect(scope).toBeVisible();
  for (let i = 0; i < 12 && !(await scope.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(scope).toBeFocused();
  await page.keyboard.press("Space");
  await expect(scope).toBeChecked();
  const next = wizard.getByRole("button", { name: "Next" });
  // Boundaries, IP whitelist, Expiry, then Review.
  for (let step = 0; step < 4; step++) {
    for (let i = 0; i < 20 && !(await next.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
  }
  await expect(wizard.getByRole("heading", { name: "Review" })).toBeVisible();
  const submit = wizard.getByRole("button", { name: "Mint token" });
  for (let i = 0; i < 20 && !(await submit.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const copy = page.getByRole("dialog", { name: "Copy your token now" });
  await expect(copy).toBeVisible();
  const box = copy.getByRole("checkbox", { name: "I have stored this token securely" });
  for (let i = 0; i < 20 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(copy.getByRole("button", { name: "Done" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(copy).toBeHidden();
  await expect(page.getByRole("listitem", { name: "Token keyboard-bot", exact: true })).toBeVisible();
  // Focus comes back to the portfolio, not to the top of the page.
  await expect(page.getByRole("region", { name: "DemoScout" }).getByRole("button", { name: "Mint token" })).toBeFocused();
});

test("edit a token's scopes", async ({ page }) => {
  await signIn(page, ALICE);
  const row = page.getByRole("region", { name: "MeanRevert" }).getByRole("listitem", { name: "Token demo-runner", exact: true });
  await row.getByRole("button", { name: "Edit demo-runner", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Edit demo-runner" });
  await expect(dialog.getByRole("button", { name: "No changes" })).toBeDisabled();
  await dialog.getByRole("checkbox", { name: /trade\.demo:write/ }).uncheck();
  let body: unknown;
  page.on("request", (r) => r.method() === "PATCH" && (body = r.postDataJSON()));
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  expect(body).toEqual({ scopeNames: [DEMO_READ] });
  await expect(row.getByText("Demo · trade")).toHaveCount(0);
  await expect(row.getByText("Demo · read")).toBeVisible();
});

test("roll a token: the new one is shown once, the old one is revoked", async ({ page }) => {
  await signIn(page, ALICE);
  const region = page.getByRole("region", { name: "MeanRevert" });
  await region.getByRole("listitem", { name: "Token demo-runner", exact: true }).getByRole("button", { name: "Roll demo-runner", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Roll demo-runner" });
  const newName = await dialog.getByLabel("New token name").inputValue();
  expect(newName).toMatch(/^demo-runner-rolled-\d{8}$/);
  await dialog.getByRole("radio", { name: "Revoke now" }).check();
  await dialog.getByRole("button", { name: "Roll token" }).click();
  await takeSecretAndClose(page);
  await expect(region.getByRole("listitem", { name: `Token ${newName}` })).toBeVisible();
  await expect(region.getByRole("listitem", { name: "Token demo-runner", exact: true })).toHaveCount(0);
  await expect(region.getByRole("listitem", { name: `Token ${newName}` })).toContainText("Demo · trade");
});

test("roll with a grace period keeps the old token until then", async ({ page }) => {
  await signIn(page, ALICE);
  const region = page.getByRole("region", { name: "MeanRevert" });
  await region.getByRole("listitem", { name: "Token demo-runner", exact: true }).getByRole("button", { name: "Roll demo-runner", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Roll demo-runner" });
  await dialog.getByRole("radio", { name: "After 24 hours" }).check();
  await dialog.getByRole("button", { name: "Roll token" }).click();
  await takeSecretAndClose(page);
  const old = region.getByRole("listitem", { name: "Token demo-runner", exact: true });
  // A day left of a two-day life is not "Expiring soon"; the row says it was replaced instead.
  await expect(old).toContainText("Replaced by demo-runner-rolled-");
  await expect(old).toContainText(/expires in (24|23) hours|expires tomorrow/);
});

test("revoke asks first, then the row goes at once", async ({ page }) => {
  await signIn(page, ALICE);
  const region = page.getByRole("region", { name: "AlphaBot" });
  await region.getByRole("listitem", { name: "Token live-trader", exact: true }).getByRole("button", { name: "Revoke live-trader", exact: true }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("live-trader");
  await expect(confirm).toContainText("AlphaBot");
  const revoked = page.waitForResponse((r) => r.request().method() === "DELETE" && /\/api\/portfolios\/[^/]+\/tokens\/[^/]+$/.test(new URL(r.url()).pathname));
  await confirm.getByRole("button", { name: "Revoke", exact: true }).click();
  // While the dialog is open Radix hides the page from assistive technology: the row only counts as gone once it closes.
  await expect(confirm).toBeHidden();
  await expect(region.getByRole("listitem", { name: "Token live-trader", exact: true })).toHaveCount(0);
  // Reloading before the revoke has been answered would cancel it: the reload checks what the server kept.
  expect((await revoked).ok()).toBe(true);
  await page.reload();
  await expect(page.getByRole("region", { name: "AlphaBot" }).getByRole("listitem", { name: "Token risk-monitor", exact: true })).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Token live-trader", exact: true })).toHaveCount(0);
});

test("a failed revoke puts the row back and says why", async ({ page }) => {
  await signIn(page, ALICE);
  await sandbox.fault({ status: 500, match: { method: "DELETE" } });
  const row = page.getByRole("region", { name: "AlphaBot" }).getByRole("listitem", { name: "Token risk-monitor", exact: true });
  await row.getByRole("button", { name: "Revoke risk-monitor", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText(/Could not revoke risk-monitor/)).toBeVisible();
  await expect(page.getByText(/Request id/).first()).toBeVisible();
  await expect(row).toBeVisible();
});

test("delete a portfolio by typing its name", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("region", { name: "DemoScout" }).getByRole("button", { name: "Delete portfolio" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("revokes");
  const button = confirm.getByRole("button", { name: "Delete portfolio" });
  await expect(button).toBeDisabled();
  await confirm.getByLabel(/Type DemoScout to confirm/).fill("demoscout");
  await expect(button).toBeDisabled();
  await confirm.getByLabel(/Type DemoScout to confirm/).fill("DemoScout");
  await button.click();
  // While the dialog is open Radix hides the page from assistive technology: the card only counts as gone once it closes.
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("region", { name: "DemoScout" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("region", { name: "AlphaBot" })).toBeVisible();
  await expect(page.getByRole("region", { name: "DemoScout" })).toHaveCount(0);
});

test("Add my IP adds the address the server sees, and a forged X-Forwarded-For is ignored", async ({ page }) => {
  await signIn(page, ALICE);
  const forged = await page.request.get("/api/client-ip", { headers: { "x-forwarded-for": "6.6.6.6" } });
  expect(await forged.json()).toEqual({ ip: "127.0.0.1" });

  const wizard = await openMintWizard(page, "AlphaBot");
  await wizard.getByLabel("Token name").fill("my-ip");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
  await wizard.getByRole("button", { name: "Next" }).click(); // Boundaries
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Add my IP" }).click();
  await expect(wizard.getByRole("button", { name: "Remove 127.0.0.1" })).toBeVisible();
});
