#!/usr/bin/env node
// `npm run demo [-- --headed] [--slow] [--story NAME] [--readme]`: records the product's
// stories against the built-in sandbox (never the real eToro API) as captioned
// videos, a screenshot per step and demo-output/index.html.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const valueOf = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (process.env.ETORO_API_BASE_URL?.trim()) {
  console.error("npm run demo runs against the built-in sandbox only. Unset ETORO_API_BASE_URL and try again.");
  process.exit(2);
}
const storiesDir = path.join(root, "e2e", "demos", "stories");
const known = readdirSync(storiesDir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.replace(/\.ts$/, ""));
const story = valueOf("--story");
if (flag("--story") && (!story || !known.includes(story))) {
  console.error(`Unknown story "${story ?? ""}". Stories: ${known.join(", ")}.`);
  process.exit(2);
}
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("No production build found. Run `npm run build` first.");
  process.exit(2);
}
const chromium = spawnSync(process.execPath, [path.join(root, "scripts", "ensure-chromium.mjs")], { stdio: "inherit" });
if (chromium.status !== 0) process.exit(chromium.status ?? 1);

const ffmpeg = spawnSync(process.execPath, [path.join(root, "scripts", "ensure-ffmpeg.mjs")], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
if (ffmpeg.status !== 0) process.exit(ffmpeg.status ?? 1);

const env = {
  ...process.env,
  // Where Playwright finds the ffmpeg it records video with (Debian's, see ensure-ffmpeg.mjs).
  PLAYWRIGHT_BROWSERS_PATH: ffmpeg.stdout.trim(),
  NEXT_TELEMETRY_DISABLED: "1",
  ...(story ? { DEMO_STORY: story } : {}),
  // --readme: also refresh the README's pictures (docs/demo/) from this run.
  ...(flag("--readme") ? { DEMO_README: "1" } : {}),
  ...(flag("--slow") ? { DEMO_SLOW: "1", DEMO_PAUSE_MS: process.env.DEMO_PAUSE_MS || "2500" } : {}),
};
const playwright = path.join(root, "node_modules", "@playwright", "test", "cli.js");
const run = spawnSync(
  process.execPath,
  [playwright, "test", "-c", path.join("e2e", "demos", "playwright.config.ts"), ...(flag("--headed") ? ["--headed"] : [])],
  { cwd: root, env, stdio: "inherit" },
);
process.exit(run.status ?? 1);
