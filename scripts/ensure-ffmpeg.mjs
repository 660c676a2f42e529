#!/usr/bin/env node
// Playwright records video through its own ffmpeg build, which it downloads; this
// project cannot download browsers or tools, so the demo uses Debian's ffmpeg
// (installed with apt when missing and we are root) and shows it to Playwright
// where Playwright looks: <PLAYWRIGHT_BROWSERS_PATH>/ffmpeg-<revision>/ffmpeg-linux.
// Prints the directory to use as PLAYWRIGHT_BROWSERS_PATH.
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ffmpeg = process.env.FFMPEG_PATH || "/usr/bin/ffmpeg";

if (!existsSync(ffmpeg)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error(`ffmpeg not found at ${ffmpeg}. Install it (Debian/Ubuntu: sudo apt-get install -y ffmpeg) or set FFMPEG_PATH.`);
    process.exit(1);
  }
  console.error("Installing Debian's ffmpeg to record the demo videos (one time)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execSync("apt-get update -qq", { stdio: ["ignore", 2, 2], env });
  execSync("apt-get install -y -qq ffmpeg", { stdio: ["ignore", 2, 2], env });
}

const browsers = JSON.parse(readFileSync(path.join(root, "node_modules", "playwright-core", "browsers.json"), "utf8"));
const revision = browsers.browsers.find((b) => b.name === "ffmpeg")?.revision;
if (!revision) {
  console.error("Cannot tell which ffmpeg revision this Playwright expects (node_modules/playwright-core/browsers.json).");
  process.exit(1);
}
const toolsDir = path.join(root, "node_modules", ".cache", "apc-playwright-tools");
const target = path.join(toolsDir, `ffmpeg-${revision}`, "ffmpeg-linux");
mkdirSync(path.dirname(target), { recursive: true });
rmSync(target, { force: true });
symlinkSync(ffmpeg, target);
process.stdout.write(toolsDir);
