/**
 * An exclusive lock on a PGlite data directory: PGlite has no lock of its own, and two
 * processes writing one directory corrupt it. A lock file in the directory holds the
 * owner's PID; it is created with O_EXCL, so exactly one process wins. A lock whose
 * process is gone (killed, crashed) is taken over.
 *
 * Hand-written rather than proper-lockfile: that library judges staleness by a file
 * time refreshed on a timer, so it cannot name the process holding the lock, and a
 * process paused longer than its stale time loses the lock while still writing. A PID
 * with a liveness check is exact on one machine, which is the only place a PGlite
 * directory can be shared.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export const LOCK_FILE = "console.lock";

export class LedgerLockedError extends Error {
  override name = "LedgerLockedError";
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The ledger directory ${dataDir} is in use by process ${pid}. Two processes on one PGlite directory corrupt it: ` +
        `stop process ${pid}, or give this one its own PGLITE_DATA_DIR (or a DATABASE_URL). ` +
        `If no such process runs, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
  }
}

type LockInfo = { pid: number; host: string };

/** Directories this process holds; one process may hold a directory only once. */
const held = new Set<string>();

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as Partial<LockInfo>;
    return typeof info.pid === "number" && typeof info.host === "string" ? { pid: info.pid, host: info.host } : null;
  } catch {
    return null; // missing, or half-written by a process that died mid-write: stale
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock on `dataDir` (which must exist) or throws LedgerLockedError naming
 * the holder. Returns the release function; the lock is also released on exit.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  if (held.has(dataDir)) throw new LedgerLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx", 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = readLock(file);
      // Another host sharing the directory (a network mount) cannot be checked: refuse.
      if (owner && (owner.host !== hostname() || (owner.pid !== process.pid && isAlive(owner.pid)))) {
        throw new LedgerLockedError(dataDir, owner.pid);
      }
      // Stale: its process is gone (or it is a leftover of this very PID). Take it over;
      // if two processes race here, O_EXCL above still lets only one of them in.
      try {
        unlinkSync(file);
      } catch {
        /* someone else removed it first */
      }
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    closeSync(fd);
    held.add(dataDir);
    const release = () => {
      if (!held.delete(dataDir)) return;
      process.off("exit", release);
      if (readLock(file)?.pid === process.pid) {
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      }
    };
    process.on("exit", release);
    return release;
  }
  const owner = readLock(file);
  throw new LedgerLockedError(dataDir, owner?.pid ?? -1);
}
