/**
 * The servers the app-level benchmarks measure: the bare Next app (built here from
 * bench/bare-next/) and the console's production build, each a real process on
 * 127.0.0.1, started and stopped by the bench. Also reads a server's memory (RSS
 * and peak RSS of its process tree, the sandbox child left out) from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { npmScriptArgs } from "../tests/support/npm-scripts";

export const ROOT = path.resolve(import.meta.dirname, "..");
const BARE_SOURCE = path.join(ROOT, "bench", "bare-next");
export const BARE_DIR = path.join(ROOT, "bench", ".bare-app");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export type Server = { url: string; pid: number; stop(): Promise<void>; output(): string };

/** Builds the bare app from its kept sources (a fresh copy each run, so nothing stale is measured). */
export async function buildBareApp(): Promise<void> {
  await rm(BARE_DIR, { recursive: true, force: true });
  await cp(BARE_SOURCE, BARE_DIR, { recursive: true });
  await runToEnd(process.execPath, [NEXT_BIN, "build"], { cwd: BARE_DIR, env: { NEXT_TELEMETRY_DISABLED: "1" } });
}

export function consoleIsBuilt(): boolean {
  return existsSync(path.join(ROOT, ".next", "BUILD_ID"));
}

function runToEnd(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} exited ${code}:\n${log.slice(-2000)}`))));
  });
}

async function waitForUrl(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering ${url}:\n${output().slice(-2000)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${output().slice(-2000)}`);
}

function startProcess(args: string[], options: { cwd: string; env: Record<string, string>; readyPath: string; port: number }): Promise<Server> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${options.port}`;
  const server: Server = {
    url,
    pid: child.pid!,
    output: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }
    },
  };
  return waitForUrl(`${url}${options.readyPath}`, child, () => log).then(
    () => server,
    async (error) => {
      await server.stop();
      throw error;
    },
  );
}

export function startBareApp(port: number): Promise<Server> {
  return startProcess([NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: BARE_DIR,
    env: {},
    readyPath: "/api/ping",
    port,
  });
}

export type ConsoleOptions = {
  port: number;
  sandboxPort: number;
  /** Extra environment: SANDBOX_SEED_PORTFOLIOS, DATABASE_URL, ETORO_API_BASE_URL, … */
  env?: Record<string, string>;
};

/** The console as `npm start` runs it (production build; the sandbox too unless ETORO_API_BASE_URL is set). */
export function startConsole(options: ConsoleOptions): Promise<Server> {
  return startProcess(npmScriptArgs("start", ROOT), {
    cwd: ROOT,
    env: {
      PORT: String(options.port),
      SANDBOX_PORT: String(options.sandboxPort),
      SANDBOX_RATE_LIMIT: "0",
      ETORO_API_BASE_URL: "",
      DATABASE_URL: "",
      ...options.env,
    },
    readyPath: "/api/health",
    port: options.port,
  });
}

/** A fresh, empty directory for an embedded ledger. */
export function freshDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "apc-bench-ledger-"));
}

async function children(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const list = await readFile(`/proc/${pid}/task/${entry}/children`, "utf8").catch(() => "");
    for (const id of list.split(/\s+/).filter(Boolean)) out.push(Number(id));
  }
  return out;
}

async function statusKb(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

/** A server's process and its descendants, leaving out the sandbox (a separate service that eToro replaces). */
async function serverTree(pid: number): Promise<number[]> {
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const id = queue.shift()!;
    const cmdline = await readFile(`/proc/${id}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes("sandbox/main.ts") || cmdline.includes("sandbox\0")) continue;
    tree.push(id);
    queue.push(...(await children(id)));
  }
  return tree;
}

/**
 * RSS in MB of a server and its children, sandbox left out, read after a short
 * settle so a transient peak of the request just served is not taken for what the
 * process holds. Both the bare app (`next start`) and the console (`npm start`,
 * serving Next in its own process) are one process here, so RSS counts no page twice
 * (PSS from smaps_rollup agrees within a few MB).
 */
export async function serverRssMb(pid: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 3_000));
  let kb = 0;
  for (const id of await serverTree(pid)) kb += await statusKb(id, "VmRSS");
  return kb / 1024;
}

/**
 * The most RSS the server's processes have held since they started (VmHWM), in MB:
 * what the machine had to give them at their worst, e.g. during PGlite's first boot.
 * A short-lived helper that has already exited (the ledger initialiser) is not in it.
 */
export async function serverPeakMb(pid: number): Promise<number> {
  let kb = 0;
  for (const id of await serverTree(pid)) kb += await statusKb(id, "VmHWM");
  return kb / 1024;
}
