#!/usr/bin/env node
// Creates a PGlite data directory and migrates it, then exits. lib/db/open.ts runs
// this in a short-lived child process when the ledger's directory is empty: PGlite's
// first boot (initdb runs in a second WebAssembly instance) takes a process to about
// 800 MB, and WebAssembly memory never shrinks, so a server that did it itself would
// carry that peak for its whole life. The server then opens the finished directory,
// which costs a fraction of that.
//
// Usage: node scripts/pglite-init.mjs <new data dir> <migrations folder>
// The directory is a scratch one the caller owns (it holds the ledger's lock and moves
// the files into place afterwards), so this process never touches a locked directory.
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

const [dataDir, migrationsFolder] = process.argv.slice(2);
if (!dataDir || !migrationsFolder) {
  console.error("usage: node scripts/pglite-init.mjs <data dir> <migrations folder>");
  process.exit(2);
}
const client = await PGlite.create(dataDir);
try {
  await migrate(drizzle({ client }), { migrationsFolder });
} finally {
  await client.close();
}
