/**
 * The approval protocol end to end with an MCP agent: a gateway-only demo token
 * minted with boundaries ($500 per order, approval above $200), the agent the
 * official SDK's client on this lane's <console>/gateway/mcp with the token as
 * its bearer credential, refused above the limit with the reason in the tool
 * result and told to wait above the threshold; the person approving in the
 * browser on a phone-width screen; the agent's repeated call going through
 * exactly once, a second repeat refused as used; the token's usage page marking
 * the calls MCP, and /audit holding each step. The REST door's same story:
 * e2e/approval-flow.spec.ts.
 */
import { randomUUID } from "node:crypto";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { callTool, connectMcp, toolJson, type ToolCall } from "../tests/support/mcp-client";
import { ALICE, approveOnPhone, expectApprovedOrderInAudit, mintToken, signIn } from "./kit";
import { APP_URL } from "./support/ports";
import { expect, sandbox, test } from "./support/fixtures";

const DEMO_READ = "etoro-public:trade.demo:read";
const DEMO_WRITE = "etoro-public:trade.demo:write";
const BY_AMOUNT = "POST /api/v1/trading/execution/demo/market-open-orders/by-amount";
const OPEN = "open_position_by_amount";

test("an MCP agent is refused above its limit, waits for a person above the threshold, and goes through once after approval in the browser", async ({ page }) => {
  // Its own name each run: the ledger keeps what an earlier attempt or repeat did under a name.
  const token = `mcp-approval-agent-${randomUUID().slice(0, 8)}`;
  test.setTimeout(240_000);
  await signIn(page, ALICE);
  const secret = await mintToken(page, "AlphaBot", {
    name: token,
    scopes: [DEMO_READ, DEMO_WRITE],
    expiry: "7 days",
    boundaries: { maxOrderUsd: "500", askAboveUsd: "200" },
  });
  const before = await sandbox.calls(BY_AMOUNT);

  let agent: Client | undefined;
  let tokenId = "";
  const requestId = randomUUID();
  const said: string[] = [];
  const call = async (args: Record<string, unknown>): Promise<ToolCall> => {
    const answer = await callTool(agent!, OPEN, args);
    said.push(answer.text);
    return answer;
  };
  try {
    agent = await connectMcp(`${APP_URL}/gateway/mcp`, secret, { name: "mcp-approval-e2e" });

    // A demo trading token sees the order tools, on the demo account only.
    const { tools } = await agent.listTools();
    said.push(JSON.stringify(tools));
    const open = tools.find((t) => t.name === OPEN);
    expect(open, `${OPEN} among ${tools.map((t) => t.name).join(", ")}`).toBeDefined();
    expect((open!.inputSchema.properties as Record<string, { enum?: string[] }>).environment.enum).toEqual(["demo"]);

    // Above the per-order limit: refused at the gateway, with the limit in plain words in the tool result.
    const tooBig = await call({ environment: "demo", instrumentId: 1001, side: "buy", amount: 600, leverage: 1 });
    expect(tooBig.result.isError).toBe(true);
    expect(toolJson(tooBig.text)).toMatchObject({ outcome: "refused", status: 403 });
    expect(tooBig.text).toMatch(/worth \$600\.00, above this token's most per order \(\$500\.00\)/);

    // Above the approval threshold: held for a person, with the approval id and how to continue.
    const order = { environment: "demo", instrumentId: 1001, side: "buy", amount: 300, leverage: 1, requestId };
    const held = await call(order);
    expect(held.result.isError).toBeFalsy();
    const waiting = toolJson(held.text);
    expect(waiting).toMatchObject({ outcome: "waiting-for-approval", approvalId: expect.any(String), requestId });
    const approvalId = waiting.approvalId as string;
    expect(held.text).toContain(`Waiting for a person's approval: id ${approvalId}`);
    expect(waiting.howToContinue).toContain(`call ${OPEN} again with exactly the same arguments plus approvalId "${approvalId}" and requestId "${requestId}"`);
    // Asking again before anyone decided: still waiting; eToro has seen nothing.
    expect(toolJson((await call({ ...order, approvalId })).text)).toMatchObject({ outcome: "waiting-for-approval", approvalId });
    expect((await sandbox.calls(BY_AMOUNT)) - before).toBe(0);

    // The person, in the browser: the header badge, /approvals, the order in words, Approve.
    tokenId = await approveOnPhone(page, token, "Buy $300 of");

    // The agent's repeated call goes through, once; the same approval again is refused as used.
    const done = await call({ ...order, approvalId });
    expect(done.result.isError).toBeFalsy();
    expect(toolJson(done.text)).toMatchObject({ status: 200, requestId });
    expect((await sandbox.calls(BY_AMOUNT)) - before).toBe(1);
    const again = await call({ ...order, approvalId });
    expect(again.result.isError).toBe(true);
    expect(toolJson(again.text)).toMatchObject({ outcome: "refused", status: 409, errorCode: "ApprovalUsed" });
    expect((await sandbox.calls(BY_AMOUNT)) - before).toBe(1);

    for (const text of said) expect(text).not.toContain(secret);
  } finally {
    await agent?.close();
  }

  // The token's usage page: the order placed once and the refusals, every call marked MCP.
  await page.goto(`/tokens/${tokenId}`);
  await expect(page.getByRole("heading", { name: `Usage of ${token}` })).toBeVisible();
  const rows = (table: "Operations used" | "Orders placed" | "Refusals") =>
    page.getByRole("region", { name: table }).first().getByRole("row").filter({ has: page.getByRole("cell") });
  const placed = rows("Orders placed").filter({ hasText: requestId }).filter({ hasText: "$300" });
  // Usage rows are written in batches, every second: reload until the order and both refusals (the limit, the used approval) are in.
  await expect(async () => {
    await page.reload();
    await expect(placed).toHaveCount(1, { timeout: 5_000 });
    await expect(rows("Refusals")).toHaveCount(2, { timeout: 5_000 });
    await expect(rows("Refusals").filter({ hasText: "order-limit" })).toHaveCount(1);
    await expect(rows("Refusals").filter({ hasText: "approval-used" }).filter({ hasText: requestId })).toHaveCount(1);
  }).toPass({ timeout: 60_000 });
  await expect(placed.getByText("MCP", { exact: true })).toBeVisible();
  for (const table of ["Operations used", "Orders placed", "Refusals"] as const) {
    await expect(rows(table).first(), `${table} has rows`).toBeVisible();
    await expect(rows(table).filter({ hasNot: page.getByText("MCP", { exact: true }) }), `${table}: every call came through MCP`).toHaveCount(0);
  }

  // /audit, narrowed to this token by its id: the refusal, the approval asked for and given, the order.
  await expectApprovedOrderInAudit(page, tokenId);
  await expect(page.locator("body")).not.toContainText(secret);
});
