// Test support (not a test): the embedded database's thread (scripts/pglite-worker.mjs)
// with one addition, a statement that stops the thread as a crash would: exit at once,
// nothing answered, nothing closed. Registered before the real worker's listener, so it
// sees each message first.
import { parentPort } from "node:worker_threads";

parentPort.on("message", (message) => {
  if (message.op === "query" && message.sql === "select 'crash the thread'") process.exit(70);
});

await import("../../scripts/pglite-worker.mjs");
