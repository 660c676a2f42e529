import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE, LedgerLockedError, lockDataDir } from "./dir-lock";
import { openLedger } from "./open";

const tmp = mkdtempSync(path.join(tmpdir(), "ledger-lock-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dir(name: string) {
  const d = path.join(tmp, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}

function writeLock(d: string, pid: number, host = hostname()) {
  writeFileSync(path.join(d, LOCK_FILE), JSON.stringify({ pid, host }));
}

describe("lockDataDir", () => {
  it("refuses a directory held by a live process, naming the directory and its PID", async () => {
    const d = dir("live");
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeLock(d, other.pid!);
      expect(() => lockDataDir(d)).toThrow(LedgerLockedError);
      expect(() => lockDataDir(d)).toThrow(new RegExp(`${d.replace(/[/\\.]/g, "\\$&")} is in use by process ${other.pid}`));
    } finally {
      other.kill();
    }
  });

  it("takes over a stale lock left by a dead process, and releases it", async () => {
    const d = dir("stale");
    const dead = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => dead.on("exit", resolve));
    writeLock(d, dead.pid!);
    const release = lockDataDir(d);
    expect(JSON.parse(readFileSync(path.join(d, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    release();
    expect(existsSync(path.join(d, LOCK_FILE))).toBe(false);
  });

  it("takes over a half-written lock file", () => {
    const d = dir("garbage");
    writeFileSync(path.join(d, LOCK_FILE), "{");
    lockDataDir(d)();
  });

  it("refuses a lock from another host sharing the directory", () => {
    const d = dir("host");
    writeLock(d, 1, "some-other-host");
    expect(() => lockDataDir(d)).toThrow(LedgerLockedError);
  });

  it("a PGlite ledger holds its directory until closed: a second open is refused, then allowed", async () => {
    const d = path.join(tmp, "pglite");
    const first = await openLedger({ dataDir: d });
    await expect(openLedger({ dataDir: d })).rejects.toThrow(LedgerLockedError);
    await first.close();
    const second = await openLedger({ dataDir: d });
    await second.close();
    expect(existsSync(path.join(d, LOCK_FILE))).toBe(false);
    // Initialising a directory (initdb in a child) and two opens: past 60 s at a load average of 20.
  }, 120_000);
});
