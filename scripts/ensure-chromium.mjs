#!/usr/bin/env node
// Browser tests drive Debian's Chromium (Playwright cannot download its own
// browser here). Installs it with apt when missing and we are root.
//
// Two packages: chromium (the demo records with it, and the browser tests fall
// back to it) and chromium-headless-shell, the same engine without the desktop
// browser around it, which the browser tests prefer: headless, the full browser
// spends about twice the CPU per page (its GPU process and browser UI), and the
// suite runs on two cores.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";

const chosen = process.env.CHROMIUM_PATH;
// With CHROMIUM_PATH set, that binary is the only one wanted.
const wanted = chosen ? [[chosen, "chromium"]] : [[CHROMIUM, "chromium"], [HEADLESS_SHELL, "chromium-headless-shell"]];
const missing = wanted.filter(([file]) => !existsSync(file));
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot || !existsSync("/usr/bin/apt-get")) {
  // The shell only saves time: without it the browser tests use the full browser.
  if (!chosen && existsSync(CHROMIUM)) {
    console.error(`${HEADLESS_SHELL} not found: the browser tests use ${CHROMIUM} (slower). Debian/Ubuntu: sudo apt-get install -y chromium-headless-shell`);
    process.exit(0);
  }
  console.error(
    `Chromium not found at ${chosen || CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium chromium-headless-shell) or set CHROMIUM_PATH to a Chromium binary.`,
  );
  process.exit(1);
}
const packages = [...new Set(missing.map(([, pkg]) => pkg))];
console.log(`Installing Debian's ${packages.join(" and ")} for the browser tests (one time)...`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execSync("apt-get update -qq", { stdio: "inherit", env });
execSync(`apt-get install -y -qq ${packages.join(" ")} fonts-liberation`, { stdio: "inherit", env });
const still = missing.filter(([file]) => !existsSync(file)).map(([file]) => file);
if (still.length) {
  console.error(`apt installed ${packages.join(" ")}, but ${still.join(", ")} is still missing. Set CHROMIUM_PATH.`);
  process.exit(1);
}
