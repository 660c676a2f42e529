/**
 * `npm run demo` runs this file (see scripts/demo.mjs): each story is one test,
 * recorded as a video with its captions, a screenshot per step and steps.json.
 */
import { test } from "@playwright/test";
import path from "node:path";
import { sandboxControl } from "../kit";
import { Narrator } from "./narrator";
import { STORIES } from "./stories";
import { DEMO_OUTPUT_DIR, DEMO_SANDBOX_URL } from "./demo-env";

const only = process.env.DEMO_STORY;
// One browser clock for every story of a run, fixed: the same texts on every take.
const clockAt = Date.now();

for (const story of STORIES.filter((s) => !only || s.name === only)) {
  test(story.title, async ({ page }, testInfo) => {
    await sandboxControl(DEMO_SANDBOX_URL).reset();
    const narrator = await Narrator.start(page, {
      outDir: path.join(DEMO_OUTPUT_DIR, story.name),
      pauseMs: Number(process.env.DEMO_PAUSE_MS || 900),
      clockAt,
    });
    await story.run({ page, narrator });
    const record = await narrator.finish(story);
    await testInfo.attach("story", { body: JSON.stringify(record), contentType: "application/json" });
  });
}
