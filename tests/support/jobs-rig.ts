/**
 * Test support (not a test) for the job integration suites: a real sandbox over HTTP,
 * the app's upstream client pointed at it, and the process ledger opened on a fresh
 * database (PGlite in a temp directory, or a throwaway PostgreSQL database), copied
 * from the run's migrated templates (lib/db/test-ledgers.ts). The
 * client and the ledger read their settings from the environment once, so `openRig`
 * sets it before either is first used, and each suite file runs in its own worker.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "@/sandbox/server";
import { ALICE, TEST_API_KEY, control, testSandboxOptions } from "./sandbox-client";
import { createMigratedPostgresDatabase, seedPgliteDir } from "@/lib/db/test-ledgers";
import { closeLedgerDb, getLedgerDb } from "@/lib/db/process-db";
import { listPortfolios } from "@/lib/etoro/agent-portfolios";
import { getConfig } from "@/lib/config";
import { accountFingerprint } from "@/lib/session";
import type { EtoroCredentials } from "@/lib/etoro/http";
import type { LedgerDb } from "@/lib/db/open";
import { startJob } from "@/lib/jobs/start";
import { getJob } from "@/lib/jobs/store";
import type { JobRequest } from "@/lib/schemas/job";
import type { JobView } from "@/lib/jobs/types";

export const SECRET = "jobs-rig-session-secret-0123456789abcdef";

/** The person acting on a job in these tests: no console session, a loopback address. */
export const ACTOR = { sessionId: null, clientIp: "127.0.0.1" };

export type Rig = {
  sandbox: RunningSandbox;
  db: LedgerDb;
  /** For a second instance's Pool on the same database (Postgres only). */
  databaseUrl: string | null;
  close(): Promise<void>;
};

export async function openRig(options: { sandbox?: SandboxOptions; backend?: "pglite" | "postgres" } = {}): Promise<Rig> {
  const sandbox = await startSandbox(testSandboxOptions(options.sandbox));
  process.env.ETORO_API_BASE_URL = sandbox.url;
  process.env.ETORO_API_KEY = TEST_API_KEY;
  process.env.SESSION_SECRET = SECRET;
  let cleanup: () => Promise<void>;
  let databaseUrl: string | null = null;
  if (options.backend === "postgres") {
    const database = await createMigratedPostgresDatabase("jobs_test");
    process.env.DATABASE_URL = databaseUrl = database.url;
    cleanup = database.drop;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "jobs-rig-"));
    await seedPgliteDir(dir);
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const db = await getLedgerDb();
  return {
    sandbox,
    db,
    databaseUrl,
    async close() {
      await closeLedgerDb();
      await sandbox.close();
      await cleanup();
    },
  };
}

export const alice: EtoroCredentials = { apiKey: TEST_API_KEY, userKey: ALICE };

export function account(credentials: EtoroCredentials): string {
  return accountFingerprint(credentials);
}

/** Plans and starts a job as the BFF route does, from a fresh upstream list. */
export async function start(rig: Rig, request: JobRequest, options: { credentials?: EtoroCredentials; intervalMs?: number; sessionId?: string } = {}) {
  const credentials = options.credentials ?? alice;
  const listed = await listPortfolios(credentials, { fresh: true });
  return startJob({
    db: rig.db,
    account: account(credentials),
    credentials,
    portfolios: listed.portfolios,
    request,
    intervalMs: options.intervalMs ?? 20,
    secret: getConfig().sessionSecret,
    clientIp: "127.0.0.1",
    sessionId: options.sessionId ?? null,
  });
}

/** Polls until the job has ended (or `until` says so). */
export async function waitFor(
  rig: Rig,
  jobId: string,
  until: (job: JobView) => boolean = (job) => job.state === "finished" || job.state === "cancelled",
  timeoutMs = 30_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(rig.db, account(alice), jobId);
    if (job && until(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} not there in time: ${JSON.stringify(job && { ...job, items: undefined })}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function sandboxStats(rig: Rig): Promise<{ total: number; byRoute: Record<string, number> }> {
  return (await control(rig.sandbox, "GET", "/__sandbox/stats")).body;
}

/** Every row of every table in the database as text: what a dump would hold. */
export async function dumpText(db: LedgerDb): Promise<string> {
  const tables = (await db.execute(
    sql`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'`,
  )) as unknown as { rows: { name: string }[] };
  let text = "";
  for (const { name } of tables.rows) {
    const rows = (await db.execute(sql.raw(`select row_to_json(t)::text as j from ${name} t`))) as unknown as { rows: { j: string }[] };
    text += rows.rows.map((r) => r.j).join("\n");
  }
  return text;
}
