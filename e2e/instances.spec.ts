import { ALICE, expect, test } from "./support/fixtures";
import { ETORO_MODE_URL, INSTANCE_B_URL, INSTANCE_C_URL } from "./support/ports";

/**
 * The console pointed at eToro with ETORO_API_BASE_URL (the sandbox stands in
 * for it) and run as several instances on one PostgreSQL: no code changes,
 * only configuration.
 */

test("eToro mode without a server API key: sign-in asks for it and checks the pair upstream", async ({ page }) => {
  await page.goto(`${ETORO_MODE_URL}/login`);
  await expect(page.getByText("Sandbox mode")).toHaveCount(0);
  await page.getByLabel("API key").fill("not-the-api-key");
  await page.getByLabel("User key").fill(ALICE);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toContainText("API key and user key");

  await page.getByLabel("API key").fill("sandbox-api-key");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
  await expect(page.getByText("Sandbox", { exact: true })).toHaveCount(0);
  // The API key went into the encrypted session, not the page.
  expect(await page.content()).not.toContain("sandbox-api-key");
});

test.describe("two instances on one PostgreSQL", () => {
  test.skip(!process.env.APC_E2E_DATABASE_URL, "PostgreSQL is not reachable");

  test("a token revoked through one instance is gone on the other at once", async ({ page }) => {
    await page.goto(`${INSTANCE_B_URL}/login`);
    await page.getByLabel("User key").fill(ALICE);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alpha = page.getByRole("region", { name: "AlphaBot" });
    await expect(alpha.getByRole("listitem", { name: "Token live-trader", exact: true })).toBeVisible();

    // The same session cookie, served by the other instance (cookies do not care about ports).
    const list = await (await page.request.get(`${INSTANCE_C_URL}/api/portfolios`)).json();
    const portfolio = list.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "AlphaBot");
    const token = portfolio.userTokens.find((t: { userTokenName: string }) => t.userTokenName === "live-trader");
    const revoked = await page.request.delete(`${INSTANCE_C_URL}/api/portfolios/${portfolio.agentPortfolioId}/tokens/${token.userTokenId}`, {
      headers: { origin: INSTANCE_C_URL },
    });
    expect(revoked.status()).toBe(204);

    // Instance B loaded the list moments ago and would cache it for 15 s; the cookie tells it to reload.
    const fromB = await (await page.request.get(`${INSTANCE_B_URL}/api/portfolios`)).json();
    const alphaOnB = fromB.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "AlphaBot");
    expect(alphaOnB.userTokens.map((t: { userTokenName: string }) => t.userTokenName)).not.toContain("live-trader");
    await page.reload();
    await expect(alpha.getByRole("listitem", { name: "Token risk-monitor", exact: true })).toBeVisible();
    await expect(alpha.getByRole("listitem", { name: "Token live-trader", exact: true })).toHaveCount(0);
  });

  test("a token minted through one instance shows its secret hint on the other (one ledger)", async ({ page }) => {
    await page.goto(`${INSTANCE_C_URL}/login`);
    await page.getByLabel("User key").fill(ALICE);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
    const list = await (await page.request.get(`${INSTANCE_C_URL}/api/portfolios`)).json();
    const portfolio = list.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "DemoScout");
    const minted = await page.request.post(`${INSTANCE_C_URL}/api/portfolios/${portfolio.agentPortfolioId}/tokens`, {
      headers: { origin: INSTANCE_C_URL, "content-type": "application/json" },
      data: { userTokenName: "cross-instance", scopeNames: ["etoro-public:trade.demo:read"], expiresAt: null },
    });
    expect(minted.status()).toBe(201);
    const { token } = await minted.json();
    const fromB = await (await page.request.get(`${INSTANCE_B_URL}/api/portfolios`)).json();
    const seen = fromB.agentPortfolios
      .flatMap((p: { userTokens: { userTokenId: string; secretHint: string | null }[] }) => p.userTokens)
      .find((t: { userTokenId: string }) => t.userTokenId === token.userTokenId);
    expect(seen.secretHint).toBe(token.userToken.slice(-4));
  });
});
