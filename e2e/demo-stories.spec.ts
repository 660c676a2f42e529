import { existsSync } from "node:fs";
import path from "node:path";
import { sandboxControl } from "./kit";
import { maskVolatile, Narrator, type StoryRecord } from "./demos/narrator";
import { approvalOnPhone } from "./demos/stories/approval-on-phone";
import { firstDelegation } from "./demos/stories/first-delegation";
import { gatewayKill } from "./demos/stories/gateway-kill";
import { APP_URL, SANDBOX_URL } from "./support/ports";
import { expect, test } from "./support/fixtures";

/**
 * The demo's smoke test: one story runs against the product as it is now (the
 * stories use the same page kit as these tests), and two runs from a reset
 * sandbox give the same steps and the same visible texts, secrets apart.
 */
test("a demo story runs twice with the same steps and texts", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const runs: StoryRecord[] = [];
  // Both runs on one fixed browser clock: the same texts, however long each step takes.
  const clockAt = Date.now();
  for (const run of [1, 2]) {
    await sandboxControl(SANDBOX_URL).reset();
    const context = await browser.newContext({ baseURL: APP_URL, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const outDir = testInfo.outputPath(`run-${run}`);
    const narrator = await Narrator.start(page, { outDir, pauseMs: 0, clockAt });
    await firstDelegation.run({ page, narrator });
    const record = await narrator.finish(firstDelegation);
    for (const step of record.steps) expect(existsSync(path.join(outDir, step.screenshot)), step.screenshot).toBe(true);
    runs.push(record);
    await context.close();
  }
  const [first, second] = runs;
  expect(first.steps.length).toBeGreaterThanOrEqual(8);
  expect(second.steps.map((s) => s.title)).toEqual(first.steps.map((s) => s.title));
  for (let i = 0; i < first.steps.length; i++) {
    expect(second.steps[i].text, `visible text of step "${first.steps[i].title}"`).toBe(first.steps[i].text);
  }
  // No secret ever reaches the recorded texts, masked or not.
  expect(JSON.stringify(runs)).not.toMatch(/sk_sandbox_[A-Za-z0-9]{8,}/);
});

/**
 * The gateway story drives a real agent (a child process) whose number of calls
 * differs from run to run, so it runs once here: its steps and the product as
 * it is now still have to agree.
 */
test("the gateway story runs: an agent trades, is frozen mid-run and refused", async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ baseURL: APP_URL, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const narrator = await Narrator.start(page, { outDir: testInfo.outputPath("gateway-kill"), pauseMs: 0, clockAt: Date.now() });
  await gatewayKill.run({ page, narrator });
  const record = await narrator.finish(gatewayKill);
  expect(record.steps.map((s) => s.title)).toEqual([
    "Sign in",
    "Only through the gateway",
    "Copy it once",
    "The agent trades",
    "Its usage appears",
    "Every call it made",
    "Freeze it mid-run",
    "Its next order is refused",
    "On the record",
  ]);
  expect(JSON.stringify(record)).not.toMatch(/sk_sandbox_[A-Za-z0-9]{8,}/);
  await context.close();
});

/** The approval story drives an agent and a webhook receiver: once here, its steps agreeing with the product as it is now. */
test("the approval story runs: refused above the limit, held above the threshold, approved on a phone, the retry goes through", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: APP_URL, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const narrator = await Narrator.start(page, { outDir: testInfo.outputPath("approval-on-phone"), pauseMs: 0, clockAt: Date.now() });
  await approvalOnPhone.run({ page, narrator });
  const record = await narrator.finish(approvalOnPhone);
  expect(record.steps.map((s) => s.title)).toEqual([
    "Sign in",
    "Tell me by webhook",
    "Boundaries on the token",
    "Above its limit: refused",
    "Above the threshold: it waits",
    "On her phone",
    "Approve",
    "The retry goes through",
    "The webhook, beside it",
  ]);
  expect(JSON.stringify(record)).not.toMatch(/sk_sandbox_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9+/=]{8,}/);
  await context.close();
});

test("what differs between two runs is masked, and nothing else", () => {
  expect(maskVolatile("Created 45 days ago (2026-11-22 23:13 UTC) · expires in 5 minutes")).toBe(
    "Created 45 days ago (<UTC time>) · expires <recently>",
  );
  expect(maskVolatile("paper-trial of MeanRevert expired 2 days ago")).toBe("paper-trial of MeanRevert expired 2 days ago");
});
