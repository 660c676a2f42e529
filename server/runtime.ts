// The runtime behind server/main.ts: starts the built-in eToro sandbox when no
// ETORO_API_BASE_URL is set, waits until it answers, then serves the console
// (console.ts: why it is not plain `next start`) and the agent gateway at
// /gateway in this process. Another entry point served by the same process
// starts here beside the console. `npm run gateway` serves the gateway alone
// on GATEWAY_PORT (scale-out), against the upstream the console uses.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import path from "node:path";
import { ConfigError } from "@/lib/config";
import { readRuntimeConfig, type RuntimeConfig } from "./config";
import { openProcessGateway } from "@/lib/gateway/process-gateway";
import { FORWARDING_HEADERS, startConsoleServer } from "./console";
import { keepIdleConnectionsOpen } from "./keep-alive";

// The project root is where npm runs the scripts from, as for lib/db's files: this
// module also runs compiled into dist/server/ (scripts/build-server.mjs).
const root = process.cwd();
const command = process.argv[2];
const mode = command === "start" ? "start" : "dev";
for (const file of [".env.local", ".env"]) {
  if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
}

const children: ChildProcess[] = [];

function run(command: string, args: string[]) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit" });
  children.push(child);
  child.on("exit", (code, signal) => {
    // One part down means the console is down: stop the rest and pass the code on.
    shutdown(code ?? (signal ? 1 : 0));
  });
  return child;
}

let stopping = false;
const onStop: (() => Promise<void>)[] = [];
/** Stops the children and the servers (at most 5 s), then exits with `code`. */
function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  const stopped = Promise.allSettled(onStop.map((stop) => Promise.resolve().then(stop)));
  // Not unref'd: Next keeps handles open, so an unref'd timer would never fire and SIGTERM would not stop us.
  void Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5_000))]).then(() => process.exit(code));
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
// However this process ends (instrumentation.ts exits when the ledger is locked), the sandbox it started goes too.
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});

/** Whether `port` can be bound, asked before anything else starts or opens the ledger. */
function portFree(port: number, host: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

async function sandboxUp(config: RuntimeConfig): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${config.sandboxPort}/__sandbox/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The built-in sandbox, unless one already answers on its port. */
async function startSandbox(config: RuntimeConfig): Promise<void> {
  if (await sandboxUp(config)) {
    console.log(`sandbox mode: using the eToro sandbox already running on port ${config.sandboxPort}`);
    return;
  }
  run(path.join(root, "node_modules", ".bin", "tsx"), ["sandbox/main.ts"]);
  const deadline = Date.now() + 20_000;
  while (!(await sandboxUp(config))) {
    if (Date.now() > deadline || stopping) {
      console.error(`The sandbox did not start on port ${config.sandboxPort}. Is the port taken? Set SANDBOX_PORT to another one.`);
      return shutdown(1);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  console.log(
    `sandbox mode: the console talks to the built-in eToro sandbox at http://127.0.0.1:${config.sandboxPort}. ` +
      `Sign in at http://localhost:${config.port}/login with a demo key (${config.console.sandboxUserKeys.join(",")}).`,
  );
}

/** The gateway alone, for scale-out: same database, key and upstream as the console, no Next. */
async function serveGatewayAlone(config: RuntimeConfig): Promise<void> {
  const { port } = config.gateway;
  if (!(await portFree(port, config.hostname))) {
    console.error(`Port ${port} is taken. Set GATEWAY_PORT to another one.`);
    return shutdown(1);
  }
  const gateway = await openProcessGateway();
  onStop.push(gateway.close);
  const { trustProxy } = config.console;
  const server = createServer((req, res) => {
    if (!trustProxy) for (const h of FORWARDING_HEADERS) delete req.headers[h];
    if (gateway.owns(req.url ?? "")) return gateway.handle(req, res);
    res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ errorCode: "NotFound", errorMessage: "This process serves only the agent gateway, under /gateway." }));
  });
  keepIdleConnectionsOpen(server);
  onStop.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  await new Promise<void>((resolve) => server.listen(port, config.hostname, resolve));
  console.log(`Agent gateway ready on http://localhost:${port}/gateway (upstream ${config.console.upstreamBaseUrl})`);
}

async function main(): Promise<void> {
  let config: RuntimeConfig;
  try {
    config = readRuntimeConfig(mode);
  } catch (e) {
    // Fail at start, not at the first request (e.g. SESSION_SECRET against the real API).
    if (e instanceof ConfigError) return shutdown((console.error(e.message), 1));
    throw e;
  }
  if (command === "gateway") return serveGatewayAlone(config);
  // Refuse a taken port before the sandbox or the ledger is touched (console.ts
  // also binds the port before Next opens the ledger, so a race still ends here).
  if (!(await portFree(config.port, config.hostname))) {
    console.error(`Port ${config.port} is taken. Set PORT to another one.`);
    return shutdown(1);
  }
  if (config.console.sandboxMode) await startSandbox(config);
  else console.log(`eToro mode: the console talks to ${config.console.upstreamBaseUrl}`);
  if (stopping) return;
  if (mode === "start" && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build found. Run `npm run build` first.");
    return shutdown(1);
  }
  const { trustProxy } = config.console;
  try {
    const gateway = await openProcessGateway();
    const server = await startConsoleServer({ dev: mode === "dev", port: config.port, hostname: config.hostname, trustProxy, gateway });
    // Closed after the server stops taking requests: its last usage rows are written before the process exits.
    onStop.push(() => server.close().finally(gateway.close));
    console.log(`Agent Portfolio Console ready on http://localhost:${config.port}${trustProxy ? " (trusting X-Forwarded-* from a proxy)" : ""}`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    console.error(code === "EADDRINUSE" ? `Port ${config.port} is taken. Set PORT to another one.` : `The console failed to start: ${(e as Error)?.message ?? e}`);
    shutdown(1);
  }
}

await main();
