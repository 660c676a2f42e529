import { BOB, createPortfolio, editToken, mintToken, openFromNav, pickFilter, revokeToken, rollToken, search, signIn, tokenRow } from "./kit";
import { expect, test } from "./support/fixtures";

const DEMO_READ = "etoro-public:trade.demo:read";

/**
 * Every helper of the page kit (e2e/kit) drives the product once, so a renamed
 * button or label fails here, in npm test, before it breaks anyone's demo.
 */
test("the page kit's helpers drive the product", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, BOB);
  await createPortfolio(page, { name: "KitCheck", investmentUsd: 500, token: { name: "kit-first", scopes: [DEMO_READ], expiry: "7 days" } });
  await mintToken(page, "KitCheck", { name: "kit-second", scopes: [DEMO_READ], expiry: "30 days" });

  await editToken(page, "KitCheck", "kit-second", { addIps: ["198.51.100.9"], expiry: "90 days" });
  await expect(tokenRow(page, "KitCheck", "kit-second")).toContainText("198.51.100.9");

  const { newName } = await rollToken(page, "KitCheck", "kit-second", "Revoke now");
  await expect(tokenRow(page, "KitCheck", "kit-second")).toHaveCount(0);
  await revokeToken(page, "KitCheck", newName);

  await search(page, "kit-first");
  await expect(tokenRow(page, "KitCheck", "kit-first")).toBeVisible();

  await openFromNav(page, "Tokens");
  await pickFilter(page, "Account", "Demo");
  await expect(page.getByRole("row", { name: /kit-first/ })).toBeVisible();
  await openFromNav(page, "Audit");
  await expect(page.getByTestId("chain-badge")).toBeVisible();
});
