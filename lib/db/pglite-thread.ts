/**
 * PGlite on a thread of its own (scripts/pglite-worker.mjs), as a client Drizzle's
 * PGlite driver takes in place of a PGlite instance.
 *
 * Why: PGlite runs Postgres as WebAssembly on whichever thread calls it. In the
 * server's main thread every statement stalls every request in flight for its
 * length: the agent gateway's usage batch (500 rows and their ledger events) took
 * tens of milliseconds, which is the gateway's p99. Here the main thread only
 * posts the statement and its parameters and is free until the answer comes.
 *
 * What it keeps of PGlite's client: statements run one at a time, in the order
 * asked; `transaction` holds the database for its callback (other statements wait
 * for it to end, as in PGlite), commits, or rolls back when the callback throws;
 * an error carries Postgres's fields (code, detail, constraint, …). Only what
 * Drizzle uses is offered: `query`, `exec`, `transaction`, `close`. Row parsers
 * cannot cross threads: the types a caller passes parsers for get their text as
 * is, which is what Drizzle's (dates, timestamps, intervals) do. A thread that
 * stops is started again on the same directory by the next statement (what was
 * in flight fails to its caller; what was committed is kept).
 */
import path from "node:path";
import { Worker } from "node:worker_threads";

type Row = Record<string, unknown> | unknown[];
export type ThreadResults<T = Row> = { rows: T[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };
/** `blob`: the data of a `COPY … FROM '/dev/blob'` (lib/db/copy-rows.ts), as PGlite takes it. */
type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, unknown>; blob?: Blob };

export type ThreadTransaction = {
  query<T = Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults<T>>;
  exec(sql: string): Promise<ThreadResults[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
};

export type PgliteThreadOptions = {
  dataDir?: string;
  startParams: string[];
  script?: string;
  /**
   * Nice levels above the caller's (Linux, per thread; 0, the default, schedules it like
   * the caller). With every core busy, a niced thread lets the threads that answer
   * requests go first (the gateway bench: order p99 added 93 → 36 ms at nice 10), but it
   * also yields to every other process on the machine: on a saturated host, usage and
   * ledger writes (and a freeze's) can wait seconds. Hence opt-in: PGLITE_THREAD_NICE.
   */
  nice?: number;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type WireError = { name: string; message: string } & Record<string, unknown>;

/** Where the worker script lives: found from the project root, like the initialiser (open.ts). */
export function pgliteWorkerScript(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "pglite-worker.mjs");
}

function errorFrom(wire: WireError): Error {
  const { name, message, ...fields } = wire;
  const error = new Error(message);
  error.name = name;
  Object.assign(error, fields);
  return error;
}

/** A thread that stopped is started again on the next statement, but not sooner than this after its last start (a thread that dies at once must not spin). */
const RESTART_AFTER_MS = 1_000;

export class PgliteThread {
  readonly #options: PgliteThreadOptions;
  #worker!: Worker;
  #ready!: Promise<void>;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  /** The end of the chain of exclusive units (a statement, or a whole transaction). */
  #turn: Promise<void> = Promise.resolve();
  /** Why the current thread stopped; null while it runs. */
  #dead: Error | null = null;
  /** The same, fit for the log: an exit code or an error's name, never its message (Postgres's words can quote a value). */
  #deadFor = "";
  #startedAt = 0;
  #closed = false;

  constructor(options: PgliteThreadOptions) {
    this.#options = options;
    this.#start();
  }

  /** Settles when the current thread's PGlite is open (rejects if it could not open). */
  get waitReady(): Promise<void> {
    return this.#ready;
  }

  #start(): void {
    const options = this.#options;
    const worker = new Worker(options.script ?? pgliteWorkerScript(), {
      workerData: { dataDir: options.dataDir, startParams: options.startParams, nice: options.nice ?? 0 },
    });
    this.#worker = worker;
    this.#dead = null;
    this.#startedAt = Date.now();
    this.#ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: true; failed?: WireError; id?: number; result?: unknown; error?: WireError }) => {
        if (message.ready) {
          // Idle, the thread must not keep a finished process alive; a statement in flight does (#send).
          if (this.#pending.size === 0) worker.unref();
          return resolve();
        }
        if (message.failed) return reject(errorFrom(message.failed));
        const waiting = this.#pending.get(message.id!);
        if (!waiting) return;
        this.#pending.delete(message.id!);
        if (this.#pending.size === 0) worker.unref();
        if (message.error) waiting.reject(errorFrom(message.error));
        else waiting.resolve(message.result);
      };
      worker.on("message", onMessage);
      const die = (error: Error, loggable: string) => {
        // A thread already replaced has nothing left to fail.
        if (worker !== this.#worker) return;
        if (!this.#dead) {
          this.#dead = error;
          this.#deadFor = loggable;
        }
        reject(error);
        for (const waiting of this.#pending.values()) waiting.reject(error);
        this.#pending.clear();
      };
      worker.on("error", (error) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        die(failure, `the database thread failed (${failure.name})`);
      });
      worker.on("exit", (code) => die(new Error(`the database thread stopped (exit ${code})`), `the database thread stopped (exit ${code})`));
    });
    // Read by whoever waits on it; a failed start is also seen through #dead.
    this.#ready.catch(() => undefined);
  }

  /**
   * A thread that stopped (a WebAssembly abort, an uncaught error) is started again on
   * the same directory: what was committed is on disk, what was in flight failed to its
   * caller. Statements fail fast while it stays down (at most one start a second).
   */
  async #alive(): Promise<void> {
    if (this.#dead && !this.#closed) {
      if (Date.now() - this.#startedAt < RESTART_AFTER_MS) throw this.#dead;
      // For the operator: a thread that stopped is not normal.
      console.error(`[ledger] ${this.#deadFor}; starting it again`);
      await this.#worker.terminate().catch(() => undefined);
      this.#start();
    }
    await this.#ready;
  }

  #send<T>(message: Record<string, unknown>): Promise<T> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = ++this.#next;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ ...message, id });
    });
  }

  #query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<ThreadResults<T>> {
    const identityTypes = options.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    return this.#send<ThreadResults<T>>({ op: "query", sql, params, rowMode: options.rowMode ?? "object", identityTypes, blob: options.blob });
  }

  /** Runs `unit` once every unit asked before it has finished: one statement, or a transaction, holds the database at a time. */
  async #exclusive<T>(unit: () => Promise<T>): Promise<T> {
    const before = this.#turn;
    let release!: () => void;
    this.#turn = new Promise<void>((resolve) => (release = resolve));
    await before;
    try {
      await this.#alive();
      return await unit();
    } finally {
      release();
    }
  }

  query<T = Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults<T>> {
    return this.#exclusive(() => this.#query<T>(sql, params, options));
  }

  exec(sql: string): Promise<ThreadResults[]> {
    return this.#exclusive(() => this.#send<ThreadResults[]>({ op: "exec", sql }));
  }

  transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      // PGlite's own transaction, held open in the thread until "end": its COMMIT and ROLLBACK rules hold as they are.
      await this.#send({ op: "begin" });
      let closed = false;
      const open = () => {
        if (closed) throw new Error("Transaction is closed");
      };
      const tx: ThreadTransaction = {
        query: async (sql, params, options) => (open(), this.#query(sql, params, options)),
        exec: async (sql) => (open(), this.#send<ThreadResults[]>({ op: "exec", sql })),
        rollback: async () => {
          open();
          await this.#send({ op: "rollback" });
          closed = true;
        },
        get closed() {
          return closed;
        },
      };
      let result: T;
      try {
        result = await callback(tx);
      } catch (error) {
        closed = true;
        await this.#send({ op: "end", commit: false }).catch(() => undefined);
        throw error;
      }
      closed = true;
      await this.#send({ op: "end", commit: true });
      return result;
    });
  }

  /** The thread's nice value as the OS reports it. */
  priority(): Promise<number> {
    return this.#send<number>({ op: "priority" });
  }

  /** The thread's JavaScript heap in bytes (after a full collection when the process runs with --expose-gc); for the benchmarks. */
  heapUsed(): Promise<number> {
    return this.#send<number>({ op: "heap" });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#dead) {
      await this.#worker.terminate().catch(() => undefined);
      return;
    }
    try {
      await this.#exclusive(() => this.#send({ op: "close" }));
    } finally {
      await this.#worker.terminate();
    }
  }
}

/** Starts the thread and waits until its PGlite is open. */
export async function openPgliteThread(options: PgliteThreadOptions): Promise<PgliteThread> {
  const thread = new PgliteThread(options);
  try {
    await thread.waitReady;
  } catch (error) {
    await thread.close().catch(() => undefined);
    throw error;
  }
  return thread;
}
