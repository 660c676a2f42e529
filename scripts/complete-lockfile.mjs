#!/usr/bin/env node
// Keeps package-lock.json complete for every platform. This project's build
// machines reach an npm mirror that serves only their own platform's native
// binaries, so npm writes no entry for e.g. @next/swc-darwin-arm64 and a clean
// `npm ci` then refuses the lockfile. This adds the missing optional platform
// packages with the os/cpu/libc npm needs to skip them where they do not apply
// (and to install them, by name and version, where they do).
// Run after changing dependencies: npm install && node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2] ?? "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
const pkgs = lock.packages;

const OS = ["android", "darwin", "freebsd", "linux", "win32", "openharmony"];
const CPU = { arm64: "arm64", x64: "x64", ia32: "ia32", loong64: "loong64", ppc64: "ppc64", riscv64: "riscv64", s390x: "s390x", wasm32: "wasm32", arm: "arm" };

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpuPart = parts.find((p) => p in CPU);
  const libc = parts.some((p) => p.startsWith("musl")) ? "musl" : parts.some((p) => p === "gnu" || p.startsWith("gnueabi")) ? "glibc" : null;
  if (!cpuPart) return null;
  return { cpu: [CPU[cpuPart]], libc: libc ? [libc] : undefined, os: os ? [os] : undefined };
}

function resolves(from, name) {
  let base = from;
  for (;;) {
    if (pkgs[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const i = base.lastIndexOf("/node_modules/");
    base = i === -1 ? "" : base.slice(0, i);
  }
}

let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, name)) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) {
      console.warn(`left alone: ${name}@${version} (not a recognisable platform binary)`);
      continue;
    }
    // Hoisted beside its siblings, as npm would place it; nested under the parent if that name is taken.
    const hoisted = `node_modules/${name}`;
    // Fields in npm's own order, so a later `npm install` leaves the entry as it is.
    const fields = { version, cpu: platform.cpu, dev: entry.dev ? true : undefined, libc: platform.libc, optional: true, os: platform.os };
    pkgs[pkgs[hoisted] ? `${path}/node_modules/${name}` : hoisted] = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined),
    );
    added++;
  }
}
// The order npm itself writes, so a later `npm install` leaves the file untouched.
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => a.localeCompare(b, "en")));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform package entries`);
