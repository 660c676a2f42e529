#!/usr/bin/env node
// Browser tests drive Debian's Chromium (Playwright cannot download its own
// browser here). Installs it with apt when missing and we are root.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const wanted = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (existsSync(wanted)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot || !existsSync("/usr/bin/apt-get")) {
  console.error(
    `Chromium not found at ${wanted}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
  );
  process.exit(1);
}
console.log("Installing Debian's chromium for the browser tests (one time)...");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execSync("apt-get update -qq", { stdio: "inherit", env });
execSync("apt-get install -y -qq chromium fonts-liberation", { stdio: "inherit", env });
if (!existsSync(wanted)) {
  console.error(`apt installed chromium, but ${wanted} is still missing. Set CHROMIUM_PATH.`);
  process.exit(1);
}
