// The embedded database's own thread: lib/db/pglite-thread.ts starts this as a
// worker_threads Worker and sends it one statement at a time. PGlite runs Postgres
// as WebAssembly on the thread that calls it, so in the server's main thread every
// statement (a usage batch is tens of milliseconds) would stall every request in
// flight; here it only occupies this thread.
//
// Plain JavaScript, found from the project root like pglite-init.mjs, so the same
// file serves `node --import tsx` processes and Next's bundled server alike.
//
// workerData: { dataDir, startParams, nice }.
// Messages in:  { id, op: "query", sql, params, rowMode, identityTypes, blob } | { id, op: "exec", sql }
//               | { id, op: "begin" } | { id, op: "rollback" } | { id, op: "end", commit } | { id, op: "heap" } | { id, op: "priority" } | { id, op: "close" }
// Messages out: { ready: true } | { failed: {…error} } once; then { id, result } or { id, error } per message.
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const { dataDir, startParams, nice } = workerData;

// Below the server's own threads when asked (PGLITE_THREAD_NICE, lib/db/pglite-thread.ts): on
// Linux a nice value belongs to a thread (a new one starts at its creator's), and 0
// names the calling one. Where it cannot be set (another OS, a sandbox), the thread
// simply runs at the server's priority.
if (nice) {
  try {
    os.setPriority(0, Math.min(19, os.getPriority(0) + nice));
  } catch {
    // Same priority as the server: slower answers under load, nothing wrong.
  }
}

/** What survives the trip back: the message and Postgres's own fields (code, detail, constraint…), never the params. */
const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
];

function errorOf(error) {
  const plain = { name: error?.name ?? "Error", message: error?.message ?? String(error) };
  for (const field of ERROR_FIELDS) if (error?.[field] !== undefined) plain[field] = error[field];
  return plain;
}

const identity = (value) => value;
/** Parsers cannot cross threads; the caller names the types whose text it wants as is (Drizzle's dates and intervals). */
function parsersOf(types) {
  if (!types || types.length === 0) return undefined;
  const parsers = {};
  for (const type of types) parsers[type] = identity;
  return parsers;
}

let db;
try {
  db = dataDir ? await PGlite.create(dataDir, { startParams }) : await PGlite.create({ startParams });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ failed: errorOf(error) });
  process.exit(1);
}

/** The transaction in progress (PGlite's own, so COMMIT, ROLLBACK and an aborted transaction behave as PGlite makes them). */
let current = null;
const ROLLBACK = Symbol("rollback");

function begin(id) {
  let begun = false;
  db.transaction(
    (tx) =>
      new Promise((commit, rollback) => {
        current = { tx, commit, rollback, endId: null };
        begun = true;
        parentPort.postMessage({ id, result: null });
      }),
  ).then(
    () => {
      const { endId } = current;
      current = null;
      parentPort.postMessage({ id: endId, result: null });
    },
    (error) => {
      // BEGIN itself failed: the caller is still waiting for the answer to "begin".
      if (!begun) return parentPort.postMessage({ id, error: errorOf(error) });
      const { endId } = current;
      current = null;
      parentPort.postMessage(error === ROLLBACK ? { id: endId, result: null } : { id: endId, error: errorOf(error) });
    },
  );
}

const shape = (r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows });

parentPort.on("message", async (message) => {
  const { id, op } = message;
  try {
    // Inside a transaction, statements go to it; the caller sends nothing else meanwhile.
    const target = current?.tx ?? db;
    if (op === "query") {
      const result = await target.query(message.sql, message.params, {
        rowMode: message.rowMode,
        parsers: parsersOf(message.identityTypes),
        // A COPY FROM '/dev/blob' reads this (a Blob crosses threads as is).
        ...(message.blob ? { blob: message.blob } : {}),
      });
      parentPort.postMessage({ id, result: shape(result) });
    } else if (op === "exec") {
      const results = await target.exec(message.sql);
      parentPort.postMessage({ id, result: results.map(shape) });
    } else if (op === "begin") {
      begin(id);
    } else if (op === "end") {
      // Answered when PGlite's transaction has settled (a COMMIT that turned into a ROLLBACK fails here).
      current.endId = id;
      if (message.commit) current.commit();
      else current.rollback(ROLLBACK);
    } else if (op === "rollback") {
      await current.tx.rollback();
      parentPort.postMessage({ id, result: null });
    } else if (op === "priority") {
      // This thread's nice value as the OS has it.
      parentPort.postMessage({ id, result: os.getPriority(0) });
    } else if (op === "heap") {
      // The thread's own JavaScript heap, after a full collection when the process may collect (--expose-gc).
      globalThis.gc?.();
      parentPort.postMessage({ id, result: process.memoryUsage().heapUsed });
    } else if (op === "close") {
      await db.close();
      parentPort.postMessage({ id, result: null });
      parentPort.close();
    } else {
      parentPort.postMessage({ id, error: { name: "Error", message: `unknown operation ${op}` } });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: errorOf(error) });
  }
});
