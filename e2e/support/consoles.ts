import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { npmScriptArgs } from "../../tests/support/npm-scripts";
import { e2eDatabaseUrl } from "./e2e-database";
import { ETORO_MODE_URL, INSTANCE_B_URL, INSTANCE_C_URL, LANES, lanePorts, POLICY_URL, SHARED_SANDBOX_PORT, SHARED_SANDBOX_URL } from "./ports";

/**
 * The consoles the browser tests run against, started side by side before the first
 * test (Playwright's global setup) and stopped after the last. Playwright's webServer
 * list would start them one after another, each waiting for the one before to answer.
 * Each is `npm start` as production runs it (package.json's start script).
 */
type ConsoleSpec = {
  url: string;
  env: Record<string, string>;
  /** What node runs: `npm start`'s console by default. */
  args?: string[];
  /** The path that answers once it serves. */
  health?: string;
};

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONSOLE_ARGS = npmScriptArgs("start", ROOT);
/** Per console, as Playwright's webServer gave each (they now share one deadline, so a slow one may use the others' time). */
const START_TIMEOUT_MS = 120_000;

/**
 * A console's own ledger directory, left empty: PGLITE_DATA_DIR is a new directory
 * for each PGlite console, filled from the template (startConsoles) before it starts.
 */
const FROM_TEMPLATE = "apc-e2e-ledger-";
const freshLedgerDir = () => mkdtempSync(path.join(tmpdir(), FROM_TEMPLATE));

/**
 * One initialised and migrated PGlite directory, made once by the product's own
 * initialiser (scripts/pglite-init.mjs, what a console runs on an empty directory)
 * and copied into each console's empty one: initdb and the migrations cost several
 * seconds of CPU per console, all of them at once at the start. A console's own
 * first start on an empty directory is still driven by e2e/ledger-safety.spec.ts,
 * which starts consoles on new directories.
 */
function makeLedgerTemplate(): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "apc-e2e-template-")), "ledger");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, "scripts", "pglite-init.mjs"), dir, path.join(ROOT, "lib", "db", "migrations")], { cwd: ROOT }, (error, _out, stderr) =>
      error ? reject(new Error(`making the ledger template failed: ${error.message}\n${stderr}`)) : resolve(dir),
    );
  });
}

/** A lane's console with its own embedded sandbox and its own fresh ledger. */
function laneConsole(lane: number): ConsoleSpec {
  const { app, sandbox, appUrl } = lanePorts(lane);
  return {
    url: appUrl,
    env: {
      PORT: String(app),
      SANDBOX_PORT: String(sandbox),
      // The suite makes far more than 60 calls a minute; the quota has its own tests.
      SANDBOX_RATE_LIMIT: "0",
      // Bulk jobs at eToro's pace wait 1.2 s per call; the pacing has its own tests (lib/jobs/pacing.test.ts).
      JOBS_CALLS_PER_MINUTE: "6000",
      ETORO_API_BASE_URL: "",
      NODE_ENV: "production",
      // A fresh embedded ledger per run, away from the developer's .data/.
      PGLITE_DATA_DIR: (lane === 0 && process.env.E2E_PGLITE_DATA_DIR) || freshLedgerDir(),
      DATABASE_URL: "",
    },
  };
}

/**
 * The sandbox the consoles that exist once talk to, `npm run sandbox` as a person
 * starts it: theirs alone, so no lane's reset or fault reaches them, and the specs
 * that use them can run beside the lanes.
 */
function sharedSandbox(): ConsoleSpec {
  return {
    url: SHARED_SANDBOX_URL,
    args: ["--import", "tsx", "sandbox/main.ts"],
    health: "/__sandbox/health",
    // As each lane's sandbox: the suite makes far more than 60 calls a minute.
    env: { SANDBOX_PORT: String(SHARED_SANDBOX_PORT), SANDBOX_RATE_LIMIT: "0" },
  };
}

/**
 * The console pointed at an eToro-compatible API by ETORO_API_BASE_URL, exactly
 * as at eToro: here the shared sandbox stands in for it.
 */
function etoroModeConsole(url: string, env: Record<string, string>): ConsoleSpec {
  return {
    url,
    env: {
      PORT: new URL(url).port,
      ETORO_API_BASE_URL: SHARED_SANDBOX_URL,
      NODE_ENV: "production",
      // Served over plain http on 127.0.0.1 in tests; production keeps Secure cookies.
      COOKIE_SECURE: "0",
      GATEWAY_TOKEN_SECRET: "e2e-gateway-token-secret-".padEnd(40, "g"),
      // As a deployment would: the gateway reaches the stand-in eToro from its own loopback address.
      GATEWAY_EGRESS_IPS: "127.0.0.2",
      // No spec runs a bulk job here: looking for one every 5 s instead of 2 a second takes a third off an idle console's CPU.
      JOBS_POLL_MS: "5000",
      ...env,
    },
  };
}

function consoleSpecs(databaseUrl: string | null): ConsoleSpec[] {
  return [
    ...Array.from({ length: LANES }, (_, lane) => laneConsole(lane)),
    sharedSandbox(),
    // No ETORO_API_KEY: each person enters the API key at sign-in.
    etoroModeConsole(ETORO_MODE_URL, { SESSION_SECRET: "e2e-etoro-mode-".padEnd(40, "x"), ETORO_API_KEY: "", PGLITE_DATA_DIR: freshLedgerDir(), DATABASE_URL: "" }),
    // An admin policy in force: tokens live at most 30 days, real-money trading needs an IP list.
    etoroModeConsole(POLICY_URL, {
      SESSION_SECRET: "e2e-admin-policy-".padEnd(40, "p"),
      ETORO_API_KEY: "sandbox-api-key",
      PGLITE_DATA_DIR: freshLedgerDir(),
      DATABASE_URL: "",
      MAX_TOKEN_LIFETIME_DAYS: "30",
      REQUIRE_IP_WHITELIST_FOR_REAL_WRITE: "1",
    }),
    // Two instances of one deployment: same secret, one PostgreSQL ledger.
    ...(databaseUrl
      ? [INSTANCE_B_URL, INSTANCE_C_URL].map((url) =>
          etoroModeConsole(url, { SESSION_SECRET: "e2e-shared-instances-".padEnd(40, "y"), ETORO_API_KEY: "sandbox-api-key", DATABASE_URL: databaseUrl }),
        )
      : []),
  ];
}

/** What Playwright's webServer takes for "up": an answer below 404. */
async function answers(spec: Pick<ConsoleSpec, "url" | "health">): Promise<boolean> {
  try {
    const res = await fetch(`${spec.url}${spec.health ?? "/api/health"}`, { signal: AbortSignal.timeout(5_000) });
    return res.status < 404;
  } catch {
    return false;
  }
}

type Running = { url: string; health?: string; child: ChildProcess; stderr: () => string; exited: Promise<void> };

function start(spec: ConsoleSpec): Running {
  // Its own process group, as Playwright's webServer does: stopping it stops its sandbox too.
  const child = spawn(process.execPath, spec.args ?? CONSOLE_ARGS, {
    cwd: ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8_000);
    process.stderr.write(`[console ${new URL(spec.url).port}] ${d}`);
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { url: spec.url, health: spec.health, child, stderr: () => stderr, exited };
}

async function untilServing(server: Running, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the console for ${server.url} exited before serving:\n${server.stderr()}`);
    }
    if (await answers(server)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the console for ${server.url} did not answer in time:\n${server.stderr()}`);
}

function signalGroup(server: Running, signal: NodeJS.Signals): void {
  try {
    process.kill(-server.child.pid!, signal);
  } catch {
    /* the group is gone */
  }
}

/** SIGTERM (the console closes its ledger and stops its sandbox), SIGKILL after 10 s; then nothing of its group is left holding a port. */
async function stop(server: Running): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    signalGroup(server, "SIGTERM");
    const killed = setTimeout(() => signalGroup(server, "SIGKILL"), 10_000);
    await server.exited;
    clearTimeout(killed);
  }
  signalGroup(server, "SIGKILL");
}

const fromTemplate = (spec: ConsoleSpec) => path.basename(spec.env.PGLITE_DATA_DIR ?? "").startsWith(FROM_TEMPLATE);

/**
 * Playwright's global setup: starts every console at once (those on a fresh PGlite
 * directory once the template is there); what it returns stops them.
 */
export default async function startConsoles(): Promise<() => Promise<void>> {
  const specs = consoleSpecs(e2eDatabaseUrl());
  const taken = (await Promise.all(specs.map(async (s) => ((await answers(s)) ? s.url : null)))).filter(Boolean);
  if (taken.length) throw new Error(`already in use (another run?): ${taken.join(", ")}`);
  const running: Running[] = [];
  const stopAll = async () => {
    await Promise.all(running.map(stop));
  };
  try {
    const deadline = Date.now() + START_TIMEOUT_MS * specs.length;
    const waiting: Promise<void>[] = [];
    const launch = (spec: ConsoleSpec) => {
      const server = start(spec);
      running.push(server);
      const serving = untilServing(server, deadline);
      // Awaited below; until then a console that dies is not an unhandled rejection.
      serving.catch(() => undefined);
      waiting.push(serving);
    };
    specs.filter((spec) => !fromTemplate(spec)).forEach(launch);
    const template = await makeLedgerTemplate();
    for (const spec of specs.filter(fromTemplate)) {
      cpSync(template, spec.env.PGLITE_DATA_DIR, { recursive: true });
      launch(spec);
    }
    rmSync(path.dirname(template), { recursive: true, force: true });
    await Promise.all(waiting);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
