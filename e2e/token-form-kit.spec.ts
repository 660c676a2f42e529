import { ALICE, BOB, expect, signIn, test } from "./support/fixtures";
import { APP_URL } from "./support/ports";
import { mintWizardAt, newPortfolioForm, openMintWizard, pressAndRelease, takeSecretAndClose } from "./support/wizard";

/**
 * One token form kit. Each test here failed on the code before it:
 * see the comment on each for what the old code did.
 */

const DEMO_READ = "etoro-public:trade.demo:read";
const REAL_READ = "etoro-public:trade.real:read";
const REAL_WRITE = "etoro-public:trade.real:write";
const sameOrigin = { origin: APP_URL, "content-type": "application/json" };

type Listed = { agentPortfolios: { agentPortfolioId: string; agentPortfolioName: string; userTokens: { userTokenId: string; userTokenName: string }[] }[] };

async function tokenUrl(page: import("@playwright/test").Page, portfolio: string, token: string) {
  const list: Listed = await (await page.request.get("/api/portfolios")).json();
  const p = list.agentPortfolios.find((x) => x.agentPortfolioName === portfolio)!;
  const t = p.userTokens.find((x) => x.userTokenName === token)!;
  return { portfolioId: p.agentPortfolioId, tokenId: t.userTokenId, url: `/api/portfolios/${p.agentPortfolioId}/tokens/${t.userTokenId}` };
}

test.describe("screen 1: a submit is never lost", () => {
  // Old: the name validated on blur; its error pushed the button down between mouse-down and mouse-up.
  test("one press on Create portfolio after typing an invalid name submits, shows every error and focuses the first", async ({ page }) => {
    await signIn(page, BOB);
    const form = await newPortfolioForm(page, { name: "abc" });
    await pressAndRelease(page, form.getByRole("button", { name: "Create portfolio" }));
    // The submit ran: fields never touched are flagged too, not only the one blurred.
    await expect(form.getByLabel("Investment (USD)")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Portfolio name")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Portfolio name")).toBeFocused();
  });

  test("one press with valid fields creates the portfolio", async ({ page }) => {
    await signIn(page, BOB);
    const form = await newPortfolioForm(page, { name: "OnePress", amount: "300", tokenName: "first", scope: /trade\.demo:read/ });
    await pressAndRelease(page, form.getByRole("button", { name: "Create portfolio" }));
    await takeSecretAndClose(page);
    await expect(page.getByRole("region", { name: "OnePress" })).toBeVisible();
  });
});

// Old: these said nothing until Review (or only in neutral words).
test("screen 2: warnings where the choice is made, in the wizard and in Edit", async ({ page }) => {
  await signIn(page, ALICE);
  let wizard = await mintWizardAt(page, "DemoScout", "Scopes", { name: "warned", scopes: [] });
  await expect(wizard.getByRole("note").filter({ hasText: "real money" })).toHaveCount(0);
  await wizard.getByRole("checkbox", { name: /trade\.real:write/ }).check();
  await expect(wizard.getByRole("note").filter({ hasText: "Real money: this token can open and close positions" })).toBeVisible();
  await wizard.getByRole("button", { name: "Next" }).click(); // Boundaries
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("note").filter({ hasText: "No IP limit" })).toBeVisible();
  await wizard.getByLabel("IP address", { exact: true }).fill("203.0.113.7");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await expect(wizard.getByRole("note").filter({ hasText: "No IP limit" })).toHaveCount(0);
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("note").filter({ hasText: "Never expires" })).toHaveCount(0);
  await wizard.getByRole("radio", { name: "Never", exact: true }).check();
  await expect(wizard.getByRole("note").filter({ hasText: "Never expires" })).toBeVisible();
  await page.keyboard.press("Escape");

  const row = page.getByRole("region", { name: "AlphaBot" }).getByRole("listitem", { name: "Token live-trader", exact: true });
  await row.getByRole("button", { name: "Edit live-trader", exact: true }).click();
  wizard = page.getByRole("dialog", { name: "Edit live-trader" });
  await expect(wizard.getByRole("note").filter({ hasText: "Real money" })).toBeVisible();
  await expect(wizard.getByRole("note").filter({ hasText: "No IP limit" })).toBeVisible();
  await expect(wizard.getByRole("note").filter({ hasText: "Never expires" })).toBeVisible();
  // Edit offers "Keep current" and no Never (PATCH cannot remove an expiry).
  await expect(wizard.getByRole("radio", { name: /Keep current/ })).toBeChecked();
  await expect(wizard.getByRole("radio", { name: "Never", exact: true })).toHaveCount(0);
});

test.describe("screen 3: addresses eToro will not see", () => {
  // Old: any dotted quad was taken without a word, 0.0.0.0 and 255.255.255.255 included.
  test("private and loopback addresses are explained, 0.0.0.0 and the broadcast address refused", async ({ page }) => {
    await signIn(page, ALICE);
    const wizard = await mintWizardAt(page, "AlphaBot", "IP whitelist", { name: "ip-advice", scopes: [DEMO_READ] });
    const field = wizard.getByLabel("IP address", { exact: true });
    for (const bad of ["0.0.0.0", "255.255.255.255"]) {
      await field.fill(bad);
      await wizard.getByRole("button", { name: "Add", exact: true }).click();
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(wizard).toContainText("not the address of any machine");
    }
    await field.fill("192.168.1.10");
    await wizard.getByRole("button", { name: "Add", exact: true }).click();
    await expect(wizard.getByRole("note").filter({ hasText: "192.168.1.10 is a private network address" })).toBeVisible();
    await field.fill("100.64.3.4");
    await page.keyboard.press("Enter");
    await expect(wizard.getByRole("note").filter({ hasText: "100.64.3.4 is a carrier-grade NAT address" })).toBeVisible();
    // Add my IP: the server sees 127.0.0.1 here, which eToro never would.
    await wizard.getByRole("button", { name: "Add my IP" }).click();
    await expect(wizard.getByRole("note").filter({ hasText: "127.0.0.1 is this machine's own (loopback) address" })).toBeVisible();
    await expect(wizard.getByRole("note").filter({ hasText: "203.0.113" })).toHaveCount(0);
  });

  test("the BFF refuses 0.0.0.0 and 255.255.255.255 with a 400 naming the field", async ({ page }) => {
    await signIn(page, ALICE);
    const { portfolioId } = await tokenUrl(page, "DemoScout", "n8n-agent");
    for (const ip of ["0.0.0.0", "255.255.255.255"]) {
      const res = await page.request.post(`/api/portfolios/${portfolioId}/tokens`, {
        headers: sameOrigin,
        data: { userTokenName: "no-machine", scopeNames: [DEMO_READ], ipsWhitelist: [ip] },
      });
      expect(res.status()).toBe(400);
      expect((await res.json()).error.fields.ipsWhitelist).toContain("not the address of any machine");
    }
  });
});

// Old: a taken name was found only after Review, by the server's 409.
test("screen 4: a duplicate token name is caught as it is typed, in Mint and Roll", async ({ page }) => {
  await signIn(page, ALICE);
  const wizard = await openMintWizard(page, "AlphaBot");
  let posts = 0;
  page.on("request", (r) => r.method() === "POST" && posts++);
  await wizard.getByLabel("Token name").fill("live-trader");
  await expect(wizard.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
  await expect(wizard).toContainText("A token with this name already exists in this portfolio");
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByText("Step 1 of 6: Name")).toBeVisible();
  await wizard.getByLabel("Token name").fill("live-trader-2");
  await expect(wizard.getByLabel("Token name")).toHaveAttribute("aria-invalid", "false");
  await page.keyboard.press("Escape");

  const row = page.getByRole("region", { name: "AlphaBot" }).getByRole("listitem", { name: "Token risk-monitor", exact: true });
  await row.getByRole("button", { name: "Roll risk-monitor", exact: true }).click();
  const roll = page.getByRole("dialog", { name: "Roll risk-monitor" });
  await roll.getByLabel("New token name").fill("live-trader");
  await expect(roll.getByLabel("New token name")).toHaveAttribute("aria-invalid", "true");
  await expect(roll).toContainText("A token with this name already exists in this portfolio");
  await roll.getByRole("button", { name: "Roll token" }).click();
  await expect(roll.getByLabel("New token name")).toBeFocused();
  expect(posts).toBe(0);
});

test.describe("screen 11: keyboard", () => {
  // Old: Enter in the empty IP field said "Enter an IPv4 address"; Add my IP left focus on <body>.
  test("each step starts in its first field; Enter in an empty IP field moves on; Add my IP returns to the field", async ({ page }) => {
    await signIn(page, ALICE);
    const wizard = await openMintWizard(page, "DemoScout");
    await expect(wizard.getByLabel("Token name")).toBeFocused();
    await page.keyboard.type("keys-only");
    await page.keyboard.press("Enter");
    await expect(wizard.getByRole("checkbox").first()).toBeFocused();
    await page.keyboard.press("Space");
    await wizard.getByRole("button", { name: "Next" }).click();
    // Boundaries starts on its suggestion, the quickest safe choice.
    await expect(wizard.getByRole("button", { name: "Use suggestions" })).toBeFocused();
    await wizard.getByRole("button", { name: "Next" }).click();
    // The IP step's first field is the choice that gives the list its meaning; the list comes next.
    await expect(wizard.getByRole("checkbox", { name: "Only through the console gateway" })).toBeFocused();
    await page.keyboard.press("Tab");
    const ip = wizard.getByLabel("IP address", { exact: true });
    await expect(ip).toBeFocused();
    await wizard.getByRole("button", { name: "Add my IP" }).click();
    await expect(wizard.getByRole("button", { name: "Remove 127.0.0.1" })).toBeVisible();
    await expect(ip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(wizard.getByText("Step 5 of 6: Expiry")).toBeVisible();
    await expect(wizard.getByRole("radio", { checked: true })).toBeFocused();
  });

  // Old: focus fell to <body> with the revoked row; every relative time was a tab stop.
  test("after Revoke focus goes to the next token's action; relative times are not tab stops", async ({ page }) => {
    await signIn(page, ALICE);
    const region = page.getByRole("region", { name: "AlphaBot" });
    await expect(region.locator("time").first()).toBeVisible();
    expect(await page.locator("time[tabindex='0']").count()).toBe(0);
    await region.getByRole("listitem", { name: "Token live-trader", exact: true }).getByRole("button", { name: "Revoke live-trader", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).press("Enter");
    await expect(region.getByRole("listitem", { name: "Token live-trader", exact: true })).toHaveCount(0);
    await expect(region.getByRole("listitem", { name: "Token risk-monitor", exact: true }).getByRole("button").first()).toBeFocused();

    // The last token: focus goes to the portfolio's heading.
    await region.getByRole("listitem", { name: "Token risk-monitor", exact: true }).getByRole("button", { name: "Revoke risk-monitor", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
    await expect(region.getByRole("heading", { name: "AlphaBot" })).toBeFocused();
  });
});

// Old: the Custom radio and its date field shared one id; "IP address" also matched the list "Allowed IP addresses".
test("screen 12: labels a script can rely on", async ({ page }) => {
  await signIn(page, ALICE);
  const wizard = await mintWizardAt(page, "DemoScout", "IP whitelist", { name: "labels", scopes: [DEMO_READ] });
  await wizard.getByLabel("IP address").fill("203.0.113.7");
  await wizard.getByRole("button", { name: "Add", exact: true }).click();
  await expect(wizard.getByLabel("IP address")).toHaveCount(1);
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("radio", { name: "Custom", exact: true }).check();
  await expect(wizard.getByLabel("Custom")).toHaveCount(1);
  await expect(wizard.getByLabel("Expiry date and time")).toHaveAttribute("type", "datetime-local");
  const ids = await wizard.locator("[id]").evaluateAll((els) => els.map((e) => e.id));
  expect(new Set(ids).size).toBe(ids.length);
});

test.describe("one risk rule", () => {
  // Old: Edit asked "I understand" for adding an expiry to a risky token, which makes it safer.
  test("adding an expiry to a risky token in Edit asks for nothing", async ({ page }) => {
    await signIn(page, ALICE);
    const row = page.getByRole("region", { name: "AlphaBot" }).getByRole("listitem", { name: "Token live-trader", exact: true });
    await row.getByRole("button", { name: "Edit live-trader", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Edit live-trader" });
    await dialog.getByRole("radio", { name: "7 days", exact: true }).check();
    await expect(dialog.getByRole("checkbox", { name: /I understand/ })).toHaveCount(0);
    let body: Record<string, unknown> = {};
    page.on("request", (r) => r.method() === "PATCH" && (body = r.postDataJSON()));
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    expect(Object.keys(body)).toEqual(["expiresAt"]);
    await expect(row).toContainText(/expires (in (7|6) days|next week)/);
  });

  // Old: the second PATCH was judged against the list cached before the first, and went through.
  test("two PATCHes cannot reach a high-risk token without the acknowledgement", async ({ page }) => {
    await signIn(page, ALICE);
    const { url } = await tokenUrl(page, "AlphaBot", "risk-monitor");
    const first = await page.request.patch(url, { headers: sameOrigin, data: { ipsWhitelist: [] } });
    expect(first.status()).toBe(204);
    const second = await page.request.patch(url, { headers: sameOrigin, data: { scopeNames: [REAL_READ, REAL_WRITE] } });
    expect(second.status()).toBe(400);
    expect((await second.json()).error).toMatchObject({ code: "RiskNotAcknowledged", fields: { acknowledgeRisk: expect.any(String) } });
  });

  // Old: mint and create answered ValidationFailed where PATCH answered RiskNotAcknowledged.
  test("mint and create answer RiskNotAcknowledged, as PATCH does", async ({ page }) => {
    await signIn(page, ALICE);
    const { portfolioId } = await tokenUrl(page, "DemoScout", "n8n-agent");
    const risky = { scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: null };
    const mint = await page.request.post(`/api/portfolios/${portfolioId}/tokens`, { headers: sameOrigin, data: { userTokenName: "risky", ...risky } });
    expect(mint.status()).toBe(400);
    expect((await mint.json()).error).toMatchObject({ code: "RiskNotAcknowledged", fields: { acknowledgeRisk: expect.any(String) } });
    const create = await page.request.post("/api/portfolios", {
      headers: sameOrigin,
      data: { agentPortfolioName: "RiskyPort", investmentAmountInUsd: 300, userTokenName: "risky", ...risky },
    });
    expect(create.status()).toBe(400);
    expect((await create.json()).error.code).toBe("RiskNotAcknowledged");
  });
});

// Old: the roll's mint did not say which token it replaced.
test("roll sends the old token's id, and the server's words for a failure", async ({ page }) => {
  await signIn(page, ALICE);
  const { tokenId } = await tokenUrl(page, "MeanRevert", "demo-runner");
  const region = page.getByRole("region", { name: "MeanRevert" });
  await region.getByRole("listitem", { name: "Token demo-runner", exact: true }).getByRole("button", { name: "Roll demo-runner", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Roll demo-runner" });
  let body: Record<string, unknown> = {};
  page.on("request", (r) => r.method() === "POST" && r.url().includes("/tokens") && (body = r.postDataJSON()));
  await dialog.getByRole("button", { name: "Roll token" }).click();
  await takeSecretAndClose(page);
  expect(body.replacesTokenId).toBe(tokenId);
});
