import { expect } from "@playwright/test";
import { BOB, createPortfolio, openMintWizard, signIn, tokenRow } from "../../kit";
import type { Story } from "../story";

/** Bob delegates for the first time: a portfolio, a scoped token, its secret once, into the agent's .env. */
export const firstDelegation: Story = {
  name: "first-delegation",
  title: "First delegation",
  summary: "Sign in, create an agent portfolio, mint a scoped token with the wizard, copy it once and hand it to an agent.",
  async run({ page, narrator }) {
    await narrator.step("Sign in", "Bob signs in with his eToro user key. It stays on the server, sealed in his session.", async () => {
      await signIn(page, BOB);
    });

    await narrator.step("Create a portfolio", "He creates an agent portfolio with $2,000 and a first, read-only demo token.", async () => {
      await createPortfolio(page, {
        name: "Momentum",
        investmentUsd: 2000,
        description: "Trend following, demo first",
        token: { name: "research-agent", scopes: ["etoro-public:trade.demo:read"], expiry: "30 days" },
      });
    });

    const wizard = await openMintWizard(page, "Momentum");
    await narrator.step("Name the token", "Now a trading token for the agent: the wizard starts with its name.", async () => {
      await wizard.getByLabel("Token name").fill("trading-agent");
    });
    await narrator.step("Choose scopes", "It may read and trade the demo account: no real money.", async () => {
      await wizard.getByRole("button", { name: "Next" }).click();
      await wizard.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
      await wizard.getByRole("checkbox", { name: /trade\.demo:write/ }).check();
    });
    await narrator.step("Set boundaries", "Boundaries the gateway holds it to: the suggested ones for demo trading, accepted as they are.", async () => {
      await wizard.getByRole("button", { name: "Next" }).click();
      await wizard.getByRole("button", { name: "Use suggestions" }).click();
    });
    await narrator.step("Limit it to one IP", "Add my IP limits the token to the address this console sees.", async () => {
      await wizard.getByRole("button", { name: "Next" }).click();
      await wizard.getByRole("button", { name: "Add my IP" }).click();
    });
    await narrator.step("Pick an expiry", "It expires in 7 days; a short life limits what a leak can do.", async () => {
      await wizard.getByRole("button", { name: "Next" }).click();
      await wizard.getByRole("radio", { name: "7 days", exact: true }).check();
    });
    await narrator.step("Review", "Review shows everything the agent will be allowed to do before anything is minted.", async () => {
      await wizard.getByRole("button", { name: "Next" }).click();
      await expect(wizard.getByRole("heading", { name: "Review" })).toBeVisible();
    }, { readme: "mint-review" });

    const copy = page.getByRole("dialog", { name: "Copy your token now" });
    await narrator.step("Copy it once", "The secret is shown once, with snippets ready to paste. It is never shown again.", async () => {
      await wizard.getByRole("button", { name: "Mint token" }).click();
      await expect(copy).toBeVisible();
      // The page behind takes the new token in too (its list and the expiry banner refetch after the
      // mint): waited for, so every run pictures the same page. Behind the dialog it is aria-hidden,
      // hence no role queries.
      await expect(page.locator('[aria-label="Token trading-agent"]')).toBeAttached();
      await expect(page.getByText("1 token expires within 7 days")).toBeAttached();
    }, { readme: "copy-once" });
    await narrator.step("Paste into the agent's .env", "ETORO_USER_KEY goes into the agent's .env; the API key stays a placeholder.", async () => {
      await expect(copy).toContainText("ETORO_USER_KEY=");
      await copy.getByText("ETORO_USER_KEY=").first().scrollIntoViewIfNeeded();
    });
    await narrator.step("Done", "Once stored, Done closes it and the secret is gone from the page for good.", async () => {
      await copy.getByRole("checkbox", { name: "I have stored this token securely" }).check();
      await copy.getByRole("button", { name: "Done" }).click();
      await expect(copy).toBeHidden();
      await expect(tokenRow(page, "Momentum", "trading-agent")).toBeVisible();
    });
  },
};
