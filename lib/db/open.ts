/**
 * Opening the console's database (the ledger, sessions, jobs): PGlite (embedded, one
 * process) or PostgreSQL through a node-postgres Pool (many instances), migrated
 * before first use.
 *
 * No `server-only` here on purpose: `npm run ledger:verify` imports this under plain
 * tsx, where "server-only" throws. Route handlers go through `process-db.ts`, which has it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { DEFAULT_PGLITE_DATA_DIR, isPostgresUrl, readLedgerConfig } from "./config";
import { lockDataDir } from "./dir-lock";
import { migrateWithLock, migrationsFolder } from "./migrate";
import { openPgliteThread, type PgliteThread } from "./pglite-thread";

/** A Drizzle database over either driver; the ledger code uses only what both share. */
export type LedgerDb = PgDatabase<PgQueryResultHKT>;

export type LedgerDriver = "pglite" | "postgres";

/**
 * `thread`: PGlite on a worker thread of its own (pglite-thread.ts) rather than on
 * the caller's. The default for a directory, i.e. the servers, whose event loop
 * must not wait on the database; in memory (tests, benches) it runs in-thread
 * unless asked. `threadNice`: nice levels that thread runs below the caller
 * (PGLITE_THREAD_NICE; 0 by default, see pglite-thread.ts).
 */
export type OpenLedgerOptions =
  | { databaseUrl: string; dataDir?: never; memory?: never; thread?: never }
  | { dataDir: string; databaseUrl?: never; memory?: never; thread?: boolean; threadNice?: number }
  | { memory: true; databaseUrl?: never; dataDir?: never; thread?: boolean; threadNice?: number }
  | Record<string, never>;

export type OpenLedger = {
  db: LedgerDb;
  driver: LedgerDriver;
  close(): Promise<void>;
};

export async function openLedger(options: OpenLedgerOptions = {}): Promise<OpenLedger> {
  if ("databaseUrl" in options && options.databaseUrl !== undefined) {
    if (!isPostgresUrl(options.databaseUrl)) {
      // Never echo the URL: it may carry a password.
      throw new Error("Ledger databaseUrl must start with postgres:// or postgresql://");
    }
    return openPostgres(options.databaseUrl.trim());
  }
  const threadNice = "threadNice" in options ? options.threadNice : undefined;
  if ("memory" in options && options.memory) return openPglite(undefined, options.thread ?? false, threadNice);
  const dataDir = "dataDir" in options && options.dataDir ? options.dataDir : DEFAULT_PGLITE_DATA_DIR;
  return openPglite(path.resolve(dataDir), ("thread" in options ? options.thread : undefined) ?? true, threadNice);
}

/** What `getLedgerDb()` opens: DATABASE_URL if it is a Postgres URL, else PGlite on disk. */
export function ledgerOptionsFromEnv(env?: NodeJS.ProcessEnv): OpenLedgerOptions {
  const config = readLedgerConfig(env);
  if (isPostgresUrl(config.databaseUrl)) return { databaseUrl: config.databaseUrl };
  return config.pgliteThreadNice ? { dataDir: config.pgliteDataDir, threadNice: config.pgliteThreadNice } : { dataDir: config.pgliteDataDir };
}

/**
 * Postgres settings for the embedded ledger, on top of PGlite's own. shared_buffers
 * defaults to 128 MB, all of it WebAssembly memory the process then keeps for life;
 * one connection writing small rows needs far less, and reads the buffers miss come
 * from the OS page cache (PGlite's files are ordinary files). 16 MB holds the hot
 * part of a 100,000-event ledger and takes about 110 MB off the server's RSS.
 */
const PGLITE_START_PARAMS = ["-c", "shared_buffers=16MB"];

/**
 * PGlite's WebAssembly (9 MB of Postgres) compiled by V8's baseline compiler only.
 * By default V8 also recompiles the hot functions with its optimising compiler and
 * keeps both copies plus that compiler's scratch memory: about 40 MB more RSS for a
 * ledger that runs small queries (inserts measured faster without the tier-up, a
 * full scan of 100,000 rows ~15 % slower). A V8 flag, so it holds for the whole
 * process (the only other WebAssembly a server runs is fetch's small HTTP parser,
 * usually compiled before the ledger opens). Set before PGlite compiles its module.
 */
function baselineWasmOnly(): void {
  v8.setFlagsFromString("--liftoff-only");
}

/** PGlite's (and Postgres's) mark of an initialised data directory. */
const PG_VERSION = "PG_VERSION";
/** Where the initialiser builds a new ledger, inside the locked directory. */
const INIT_SCRATCH = ".initdb";

/** The short-lived initialiser (scripts/pglite-init.mjs), found from the project root like the migrations. */
function initialiserScript(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "pglite-init.mjs");
}

/**
 * Creates and migrates an empty PGlite directory in a child process, so this process
 * never runs initdb: that first boot takes a process to about 800 MB of WebAssembly
 * memory, which never shrinks, while opening the finished directory costs a fraction.
 * The caller holds the directory's lock; the child works only in a scratch directory
 * inside it, and the files move into place here, PG_VERSION last, so a crash midway
 * leaves a directory that the next start initialises again. Without the script (an
 * unusual layout) PGlite.create initialises in this process, as it always could.
 */
async function initialiseInChild(dataDir: string): Promise<void> {
  const script = initialiserScript();
  if (!existsSync(script)) return;
  const scratch = path.join(dataDir, INIT_SCRATCH);
  rmSync(scratch, { recursive: true, force: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [script, scratch, migrationsFolder()], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
      child.on("error", reject);
      child.on("exit", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`Initialising the ledger directory ${dataDir} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`)),
      );
    });
    const entries = readdirSync(scratch).sort((a, b) => Number(a === PG_VERSION) - Number(b === PG_VERSION));
    for (const entry of entries) {
      // Left by an earlier attempt that crashed before PG_VERSION arrived.
      rmSync(path.join(dataDir, entry), { recursive: true, force: true });
      renameSync(path.join(scratch, entry), path.join(dataDir, entry));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function openPglite(dataDir: string | undefined, thread: boolean, threadNice: number | undefined): Promise<OpenLedger> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Before PGlite touches the directory: a second process must not even open it.
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let client: PGlite | PgliteThread | undefined;
  try {
    if (dataDir && !existsSync(path.join(dataDir, PG_VERSION))) await initialiseInChild(dataDir);
    baselineWasmOnly();
    const startParams = [...PGlite.defaultStartParams, ...PGLITE_START_PARAMS];
    if (thread) client = await openPgliteThread({ dataDir, startParams, nice: threadNice });
    else client = dataDir ? await PGlite.create(dataDir, { startParams }) : await PGlite.create({ startParams });
    // The thread offers what Drizzle's PGlite driver calls (query, exec, transaction).
    const db = drizzlePglite({ client: client as PGlite });
    // One process, one connection: nothing to race with, so no migration lock needed.
    await migratePglite(db, { migrationsFolder: migrationsFolder() });
    const opened = client;
    return {
      db,
      driver: "pglite",
      close: async () => {
        try {
          await opened.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => undefined);
    unlock();
    throw error;
  }
}

async function openPostgres(connectionString: string): Promise<OpenLedger> {
  const pool = new Pool({
    connectionString,
    max: readLedgerConfig().poolMax,
    // A dead database must fail a ledger write quickly, not hang the request.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection emits "error" on the pool; unhandled, that
  // would crash the process. Log the kind only (a message could hold the URL).
  pool.on("error", (error) => {
    const code = (error as { code?: unknown }).code;
    console.error(`[ledger] pool error: ${error.name}${typeof code === "string" ? ` [${code}]` : ""}`);
  });
  try {
    await migrateWithLock(pool);
    const db = drizzlePg({ client: pool });
    return { db, driver: "postgres", close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
