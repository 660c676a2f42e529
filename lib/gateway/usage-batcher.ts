/**
 * Usage records leave the request path here: `push` only appends (it never
 * waits, never throws), and a timer or a full batch hands them to the injected
 * `write` in batches. A failed write keeps its records and is tried again on the
 * next tick; when the buffer is full, new records are dropped and counted, so a
 * database outage costs usage rows, never the gateway's memory or latency.
 */
export type UsageBatcherOptions<T> = {
  write: (records: T[]) => Promise<void>;
  /** Longest a record waits before a write is attempted. */
  flushIntervalMs: number;
  /** Records per write; a batch this full is written at once. */
  maxBatch: number;
  /** Records held at most (pending writes included); beyond it new records are dropped. */
  maxPending: number;
  /** Told about a failed write (the records are kept); never given the records. */
  onWriteError?: (error: unknown) => void;
};

export type UsageBatcher<T> = {
  push(record: T): void;
  /** Writes everything pending, batch after batch; rejects (keeping the rest) if a write fails. */
  flush(): Promise<void>;
  /** Records not yet written. */
  readonly pending: number;
  /** Records dropped because the buffer was full. */
  readonly dropped: number;
};

export function createUsageBatcher<T>(options: UsageBatcherOptions<T>): UsageBatcher<T> {
  let buffer: T[] = [];
  /** Records handed to a write that has not finished yet. */
  let inFlight = 0;
  let dropped = 0;
  let timer: NodeJS.Timeout | null = null;
  /** The write under way, so flushes never overlap and never reorder batches. */
  let writing: Promise<void> | null = null;

  function schedule(delayMs: number) {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void drainOnce().catch(() => undefined);
    }, delayMs);
    // A pending usage flush must not keep a finished process alive; shutdown calls flush().
    timer.unref();
  }

  /** Writes one batch; on failure puts it back in front and tries again later. */
  async function writeBatch(): Promise<void> {
    const batch = buffer.length <= options.maxBatch ? buffer : buffer.slice(0, options.maxBatch);
    buffer = batch === buffer ? [] : buffer.slice(options.maxBatch);
    inFlight = batch.length;
    try {
      await options.write(batch);
    } catch (error) {
      buffer = batch.concat(buffer);
      options.onWriteError?.(error);
      schedule(options.flushIntervalMs);
      throw error;
    } finally {
      inFlight = 0;
    }
  }

  async function drainOnce(): Promise<void> {
    while (writing) await writing.catch(() => undefined);
    if (buffer.length === 0) return;
    writing = writeBatch();
    try {
      await writing;
    } finally {
      writing = null;
    }
    if (buffer.length > 0) schedule(buffer.length >= options.maxBatch ? 0 : options.flushIntervalMs);
  }

  return {
    push(record) {
      if (buffer.length + inFlight >= options.maxPending) {
        dropped += 1;
        return;
      }
      buffer.push(record);
      if (buffer.length >= options.maxBatch && timer) {
        // A full batch goes now rather than when the interval ends.
        clearTimeout(timer);
        timer = null;
      }
      schedule(buffer.length >= options.maxBatch ? 0 : options.flushIntervalMs);
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      while (writing) await writing.catch(() => undefined);
      while (buffer.length > 0) await drainOnce();
    },
    get pending() {
      return buffer.length + inFlight;
    },
    get dropped() {
      return dropped;
    },
  };
}
