import { expect, type Page } from "@playwright/test";
import { ALICE, openFromNav, openMintWizard, signIn, startAgentLoop, takeSecretAndClose, type RunningAgent } from "../../kit";
import type { Story } from "../story";

const TOKEN = "trading-agent";

/**
 * The demo fixes the browser's clock for repeatable texts; the agent's calls are
 * stamped by the server's, now: show them against the present, not "in 2 minutes".
 */
const toThePresent = (page: Page) => page.clock.setFixedTime(Date.now());

/** /tokens narrowed to the agent's token, reloaded until its usage is in (rows are written every second). */
async function agentRowWithUsage(page: Page) {
  const row = page.getByRole("row", { name: `Token ${TOKEN} (AlphaBot)` });
  await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
  await expect(async () => {
    await toThePresent(page);
    await page.reload();
    await page.getByRole("searchbox", { name: "Search" }).fill(TOKEN);
    await expect(row.getByRole("cell").nth(3)).not.toHaveText("Never", { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  return row;
}

/** An agent trades through the console's gateway; the admin watches its calls arrive, freezes it mid-run, and its next order is refused. */
export const gatewayKill: Story = {
  name: "gateway-kill",
  title: "An agent behind the gateway",
  summary:
    "Mint a gateway-only token, start the example agent against <console>/gateway, watch its calls and orders appear, freeze it mid-run: its next order is refused at once, its reads go on, and Audit keeps both.",
  async run({ page, narrator }) {
    let agent: RunningAgent | null = null;
    try {
      await narrator.step("Sign in", "Alice is about to hand a trading token to an agent, and wants to see every call it makes.", async () => {
        await signIn(page, ALICE);
      });

      const wizard = await openMintWizard(page, "AlphaBot");
      await narrator.step("Only through the gateway", "A demo trading token that eToro accepts only from the console's gateway: the default.", async () => {
        await wizard.getByLabel("Token name").fill(TOKEN);
        await wizard.getByRole("button", { name: "Next" }).click();
        await wizard.getByRole("checkbox", { name: /trade\.demo:read/ }).check();
        await wizard.getByRole("checkbox", { name: /trade\.demo:write/ }).check();
        await wizard.getByRole("button", { name: "Next" }).click();
        // Boundaries: none for this story (the approval story sets them).
        await wizard.getByRole("button", { name: "Next" }).click();
        await expect(wizard.getByRole("checkbox", { name: "Only through the console gateway" })).toBeChecked();
      });

      const copy = page.getByRole("dialog", { name: "Copy your token now" });
      await narrator.step("Copy it once", "The snippets point the agent at <console>/gateway: the only change an eToro agent needs.", async () => {
        await wizard.getByRole("button", { name: "Next" }).click();
        await wizard.getByRole("radio", { name: "7 days", exact: true }).check();
        await wizard.getByRole("button", { name: "Next" }).click();
        await wizard.getByRole("button", { name: "Mint token" }).click();
        await expect(copy).toContainText("/gateway");
      });

      await narrator.step("The agent trades", "The example agent (npm run agent:example) reads its portfolio and places a demo order every second.", async () => {
        const secret = await takeSecretAndClose(page);
        agent = startAgentLoop(`${new URL(page.url()).origin}/gateway`, secret, 1);
        await agent.waitFor(/^order placed/);
      });

      await narrator.step("Its usage appears", "Tokens shows when each token was last used and its calls in the last 24 hours.", async () => {
        await openFromNav(page, "Tokens");
        await agentRowWithUsage(page);
      });

      await narrator.step("Every call it made", "The token's page: calls by outcome per hour, the operations, the addresses and the orders placed.", async () => {
        await toThePresent(page);
        await page.getByRole("link", { name: `Usage of ${TOKEN}` }).click();
        await expect(page.getByRole("heading", { name: "Orders placed" })).toBeVisible();
      });

      const confirm = page.getByRole("alertdialog", { name: "Freeze 1 selected token?" });
      await narrator.step("Freeze it mid-run", "Something looks wrong: Alice freezes the token while the agent is still running.", async () => {
        await openFromNav(page, "Tokens");
        await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
        await page.getByRole("searchbox", { name: "Search" }).fill(TOKEN);
        await page.getByRole("checkbox", { name: `Select ${TOKEN} (AlphaBot)` }).check();
        await page.getByRole("button", { name: "Freeze selected" }).click();
        await expect(confirm.getByTestId("job-plan")).toBeVisible();
      });

      await narrator.step("Its next order is refused", "The gateway holds the freeze at once, before eToro is even asked: the next order gets a 403, reads still answer.", async () => {
        const frozenAt = Date.now();
        await confirm.getByRole("button", { name: "Freeze selected" }).click();
        const refused = await agent!.waitFor(/^order refused \(403 Forbidden\): .*frozen in the console/, { since: frozenAt });
        await agent!.waitFor(/^portfolio: /, { since: refused.at });
        await page.getByRole("link", { name: `Usage of ${TOKEN}` }).click();
        await expect(page.getByRole("heading", { name: "Refusals" })).toBeVisible();
        // Usage rows are written every second: reload until the refusal is in.
        await expect(async () => {
          await toThePresent(page);
          await page.reload();
          await expect(page.getByRole("region", { name: "Refusals" }).first()).toContainText("frozen", { timeout: 15_000 });
        }).toPass({ timeout: 60_000 });
      });

      await narrator.step("On the record", "Audit keeps the agent's orders and the refusal on the hash chain, beside Alice's freeze.", async () => {
        await toThePresent(page);
        await openFromNav(page, "Audit");
        await expect(page.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ hasText: "Refused at the gateway" }).first()).toBeVisible();
      });
    } finally {
      await (agent as RunningAgent | null)?.stop();
    }
  },
};
