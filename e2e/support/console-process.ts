import { spawn, type ChildProcess } from "node:child_process";
import { npmScriptArgs } from "../../tests/support/npm-scripts";
import { stopOnExit } from "../../tests/support/stop-on-exit";
import { SANDBOX_URL } from "./ports";

/**
 * A console started by a test as `npm start` would (package.json's start script),
 * or the gateway alone as `npm run gateway` would (command "gateway", on GATEWAY_PORT = port),
 * in eToro mode against the suite's sandbox, for what needs its own process: its own
 * ledger, a short upstream timeout, being stopped and started.
 */
export type ConsoleProcess = {
  url: string;
  pid: number;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

export function startConsole(port: number, env: Record<string, string>, command: "start" | "gateway" = "start"): ConsoleProcess {
  const args = npmScriptArgs(command);
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: {
      ...process.env,
      [command === "gateway" ? "GATEWAY_PORT" : "PORT"]: String(port),
      ETORO_API_BASE_URL: SANDBOX_URL,
      ETORO_API_KEY: "sandbox-api-key",
      SESSION_SECRET: "e2e-ledger-safety-".padEnd(40, "z"),
      COOKIE_SECURE: "0",
      GATEWAY_TOKEN_SECRET: "e2e-gateway-token-secret-".padEnd(40, "g"),
      // As a deployment would: the gateway reaches the stand-in eToro from its own loopback address.
      GATEWAY_EGRESS_IPS: "127.0.0.2",
      NODE_ENV: "production",
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  // A test that times out never reaches its finally: the worker's exit stops the console.
  stopOnExit(child);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Waits until the console answers /api/health (any status), or fails with its output. */
export async function waitUntilServing(server: ConsoleProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the console exited (${server.child.exitCode}):\n${server.output()}`);
    try {
      await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the console did not start in time:\n${server.output()}`);
}
