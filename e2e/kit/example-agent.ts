/**
 * The example agent (examples/agent/agent.ts, `npm run agent:example`) as a
 * child process, for the browser tests and the demo: started against a
 * console's gateway with a token copied from the copy-once dialog, its output
 * kept line by line with the time each line was printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const root = path.resolve(import.meta.dirname, "..", "..");

export type AgentLine = { /** When the agent printed it (its own timestamp, epoch ms). */ at: number; text: string };

export type RunningAgent = {
  readonly lines: readonly AgentLine[];
  /** The first line matching `pattern` printed at or after `since` (epoch ms), waiting up to `timeoutMs`. */
  waitFor(pattern: RegExp, options?: { since?: number; timeoutMs?: number }): Promise<AgentLine>;
  /** Stops it (SIGTERM, as Ctrl-C would) and resolves with its exit code. */
  stop(): Promise<number | null>;
};

function agentProcess(gatewayUrl: string, userKey: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "examples/agent/agent.ts", ...args], {
    cwd: root,
    env: { NODE_ENV: "production", ETORO_BASE_URL: gatewayUrl, ETORO_USER_KEY: userKey },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** One round; resolves with its exit code and everything it printed. */
export function runAgentOnce(gatewayUrl: string, userKey: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = agentProcess(gatewayUrl, userKey, []);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `--loop --every <seconds>`: a round every so often until stopped. */
export function startAgentLoop(gatewayUrl: string, userKey: string, everySeconds: number): RunningAgent {
  const child = agentProcess(gatewayUrl, userKey, ["--loop", "--every", String(everySeconds)]);
  const lines: AgentLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const [stamp, ...words] = line.split(" ");
    const at = Date.parse(stamp);
    lines.push({ at: Number.isNaN(at) ? Date.now() : at, text: Number.isNaN(at) ? line : words.join(" ") });
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return {
    lines,
    async waitFor(pattern, { since = 0, timeoutMs = 15_000 } = {}) {
      const find = () => lines.find((l) => l.at >= since && pattern.test(l.text));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        if (child.exitCode !== null) throw new Error(`the agent exited (${child.exitCode}) before printing ${pattern}: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`the agent printed no ${pattern} within ${timeoutMs} ms; it printed:\n${lines.map((l) => l.text).join("\n")}\n${stderr}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 200);
        });
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
