/**
 * "Only through the console gateway" as a setting: Edit turns it off and on
 * (the agent's addresses move between eToro's whitelist and the gateway's
 * allow-list, and the sandbox's IP check follows), the wizard's default follows
 * what the server can do, and the copy-once dialog says when the gateway could
 * not record a minted token.
 */
import { expect } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { ALICE, fillWizard, mintToken, openEdit, openMintWizard, signIn, takeSecretAndClose, tokenRow } from "./kit";
import { mintWizardAt } from "./support/wizard";
import { APP_URL, SANDBOX_URL } from "./support/ports";
import { test } from "./support/fixtures";

const DEMO_READ = "etoro-public:trade.demo:read";

/** The same read, directly at the sandbox (eToro) from 127.0.0.1, and through this lane's gateway. */
async function directStatus(secret: string) {
  const res = await fetch(`${SANDBOX_URL}/api/v1/trading/info/demo/portfolio`, {
    headers: { "x-user-key": secret, "x-api-key": "sandbox-api-key", "x-request-id": randomUUID() },
  });
  return { status: res.status, code: res.ok ? null : ((await res.json()) as { errorCode: string }).errorCode };
}
const viaGateway = async (secret: string) => (await fetch(`${APP_URL}/gateway/api/v1/me`, { headers: { "x-user-key": secret } })).status;

test("Edit turns Only through the console gateway off and on again, and eToro's IP check follows", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ALICE);
  const secret = await mintToken(page, "AlphaBot", { name: "edit-gw", scopes: [DEMO_READ], ips: ["127.0.0.1"], expiry: "7 days" });
  await expect(tokenRow(page, "AlphaBot", "edit-gw")).toContainText("only through the gateway");
  expect(await directStatus(secret)).toEqual({ status: 403, code: "IpNotAllowed" });
  expect(await viaGateway(secret)).toBe(200);

  let dialog = await openEdit(page, "AlphaBot", "edit-gw");
  const gateway = dialog.getByRole("checkbox", { name: "Only through the console gateway" });
  await expect(gateway).toBeChecked();
  // The agent's own address, not the gateway's (127.0.0.2, eToro's list for this token).
  await expect(dialog.getByRole("list", { name: "Whitelisted addresses" })).toHaveText("127.0.0.1");
  await gateway.uncheck();
  await expect(dialog.getByRole("note").filter({ hasText: "around the gateway" })).toContainText("its usage history becomes incomplete");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(tokenRow(page, "AlphaBot", "edit-gw")).not.toContainText("only through the gateway");
  await expect(tokenRow(page, "AlphaBot", "edit-gw")).toContainText("127.0.0.1");
  // eToro now takes it from the agent's address directly: around the gateway.
  expect(await directStatus(secret)).toEqual({ status: 200, code: null });

  dialog = await openEdit(page, "AlphaBot", "edit-gw");
  await expect(gateway).not.toBeChecked();
  await gateway.check();
  await expect(dialog).toContainText("eToro's IP whitelist becomes the gateway's addresses");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(tokenRow(page, "AlphaBot", "edit-gw")).toContainText("only through the gateway");
  expect(await directStatus(secret)).toEqual({ status: 403, code: "IpNotAllowed" });
  // The gateway re-reads its registry every 250 ms; the agent's address is allowed there.
  await expect.poll(() => viaGateway(secret)).toBe(200);

  // The admin table names the agent's address too, never the gateway's own as if it were the agent's.
  await page.goto("/tokens");
  const row = page.getByRole("row", { name: "Token edit-gw (AlphaBot)" });
  await expect(row).toContainText("Agent IPs: 127.0.0.1");
  await expect(row).not.toContainText("127.0.0.2");
});

test("where the server cannot make gateway-only tokens, the wizard starts with the choice off and says why", async ({ page }) => {
  const reason = "This console has no gateway egress addresses (GATEWAY_EGRESS_IPS), so it cannot mint gateway-only tokens.";
  // As a console with no GATEWAY_EGRESS_IPS in front of the real API answers.
  await page.route("**/api/gateway-only", (route) => route.fulfill({ json: { available: false, reason } }));
  await signIn(page, ALICE);
  const wizard = await mintWizardAt(page, "AlphaBot", "IP whitelist", { name: "no-gateway", scopes: [DEMO_READ] });
  const gateway = wizard.getByRole("checkbox", { name: "Only through the console gateway" });
  await expect(gateway).not.toBeChecked();
  await expect(gateway).toBeDisabled();
  await expect(wizard).toContainText(`Not available here: ${reason}`);
  await expect(wizard).toContainText("Only these IPv4 addresses may use the token.");
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(wizard).not.toContainText("Only through the console gateway");
  const minted = page.waitForRequest((r) => r.method() === "POST" && /\/api\/portfolios\/[^/]+\/tokens$/.test(r.url()));
  await wizard.getByRole("button", { name: "Mint token" }).click();
  expect((await minted).postDataJSON()).toMatchObject({ gatewayOnly: false });
  await takeSecretAndClose(page);
});

test("when the gateway could not record a minted token, the copy-once dialog says so and to roll it", async ({ page }) => {
  const message = "The token was minted, but the console's gateway could not record it, so calls through the gateway will be refused: roll it once the console is healthy.";
  // The mint answer as the server gives it when the registry is out of reach.
  await page.route(/\/api\/portfolios\/[^/]+\/tokens$/, async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), message } });
  });
  await signIn(page, ALICE);
  await fillWizard(await openMintWizard(page, "AlphaBot"), { name: "unrecorded", scopes: [DEMO_READ], expiry: "7 days" });
  const dialog = page.getByRole("dialog", { name: "Copy your token now" });
  const alert = dialog.getByRole("alert").filter({ hasText: "The console's gateway does not know this token" });
  await expect(alert).toContainText(message);
  await expect(alert).toContainText("Then roll it");
  await takeSecretAndClose(page);
});
