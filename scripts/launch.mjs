#!/usr/bin/env node
// `npm run dev` / `npm start`: starts the built-in eToro sandbox when no
// ETORO_API_BASE_URL is set, waits until it answers, then serves Next in this
// process (see next-server.mjs for why it is not plain `next start`).
import { spawn } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startNextServer } from "./next-server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mode = process.argv[2] === "start" ? "start" : "dev";
for (const file of [".env.local", ".env"]) {
  if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
}

const port = process.env.PORT || "3000";
const sandboxPort = process.env.SANDBOX_PORT || "4010";
const sandboxMode = !process.env.ETORO_API_BASE_URL?.trim();
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const children = [];
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

function run(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  children.push(child);
  child.on("exit", (code, signal) => {
    // One part down means the console is down: stop the rest and pass the code on.
    shutdown(code ?? (signal ? 1 : 0));
  });
  return child;
}

let stopping = false;
const onStop = [];
/** Stops the children and the server (at most 5 s), then exits with `code`. */
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  const stopped = Promise.allSettled(onStop.map((stop) => Promise.resolve().then(stop)));
  // Not unref'd: Next keeps handles open, so an unref'd timer would never fire and SIGTERM would not stop us.
  Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5_000))]).then(() => process.exit(code));
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
// However this process ends (instrumentation.ts exits when the ledger is locked), the sandbox it started goes too.
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});

/** Whether `port` can be bound, asked before anything else starts or opens the ledger. */
function portFree(p, host) {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once("error", () => resolve(false));
    probe.listen(Number(p), host, () => probe.close(() => resolve(true)));
  });
}

async function sandboxUp() {
  try {
    const res = await fetch(`http://127.0.0.1:${sandboxPort}/__sandbox/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

// Refuse a taken port before the sandbox or the ledger is touched (next-server.mjs
// also binds the port before Next opens the ledger, so a race still ends here).
if (!(await portFree(port, process.env.HOSTNAME || undefined))) {
  console.error(`Port ${port} is taken. Set PORT to another one.`);
  shutdown(1);
}

if (stopping) {
  // nothing else to start
} else if (sandboxMode) {
  if (await sandboxUp()) {
    console.log(`sandbox mode: using the eToro sandbox already running on port ${sandboxPort}`);
  } else {
    run(bin("tsx"), ["sandbox/main.ts"]);
    const deadline = Date.now() + 20_000;
    while (!(await sandboxUp())) {
      if (Date.now() > deadline || stopping) {
        console.error(`The sandbox did not start on port ${sandboxPort}. Is the port taken? Set SANDBOX_PORT to another one.`);
        shutdown(1);
        break;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  if (!stopping) {
    console.log(
      `sandbox mode: the console talks to the built-in eToro sandbox at http://127.0.0.1:${sandboxPort}. ` +
        `Sign in at http://localhost:${port}/login with a demo key (${process.env.SANDBOX_USER_KEYS || "sandbox-alice,sandbox-bob"}).`,
    );
  }
} else {
  // Fail at start, not at the first request: sessions against the real API need a real secret.
  if ((process.env.SESSION_SECRET ?? "").length < 32) {
    console.error(
      "SESSION_SECRET must be set to at least 32 characters when ETORO_API_BASE_URL is set (e.g. `openssl rand -base64 48`).",
    );
    shutdown(1);
  } else {
    console.log(`eToro mode: the console talks to ${process.env.ETORO_API_BASE_URL}`);
  }
}

if (!stopping) {
  if (mode === "start" && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build found. Run `npm run build` first.");
    shutdown(1);
  } else {
    if (mode === "start") process.env.NODE_ENV = "production";
    const trustProxy = process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";
    try {
      const server = await startNextServer({ dev: mode === "dev", port: Number(port), hostname: process.env.HOSTNAME || undefined, trustProxy });
      onStop.push(() => server.close());
      console.log(`Agent Portfolio Console ready on http://localhost:${port}${trustProxy ? " (trusting X-Forwarded-* from a proxy)" : ""}`);
    } catch (e) {
      console.error(e?.code === "EADDRINUSE" ? `Port ${port} is taken. Set PORT to another one.` : `The console failed to start: ${e?.message ?? e}`);
      shutdown(1);
    }
  }
}
