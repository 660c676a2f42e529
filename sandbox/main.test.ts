import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("npm run sandbox (sandbox/main.ts)", () => {
  it("prints where it listens and with which keys, serves, and stops cleanly on SIGINT", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_USER_KEYS: "", SANDBOX_API_KEY: "", SANDBOX_LOG: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let output = "";
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^eToro sandbox listening on .*$/m.exec(output);
          if (match) resolve(match[0]);
        });
        child.once("exit", (code) => reject(new Error(`exited early (${code}): ${output}`)));
      });
      const match = /^eToro sandbox listening on (http:\/\/127\.0\.0\.1:\d+) \(user keys: sandbox-alice, sandbox-bob\)$/.exec(line);
      expect(match, line).not.toBeNull();
      const health = await fetch(`${match![1]}/__sandbox/health`);
      expect(await health.json()).toEqual({ ok: true });

      const exited = once(child, "exit");
      child.kill("SIGINT");
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
