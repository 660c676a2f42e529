import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createUsageBatcher } from "./usage-batcher";

/** A write the test resolves or fails by hand, so nothing depends on timing. */
function controlledWrite() {
  const batches: number[][] = [];
  const waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const write = (records: number[]) => {
    batches.push(records);
    return new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
  };
  return { write, batches, waiting };
}

/** Runs the timers due within `ms` (fake time) and the promise callbacks they start. */
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the usage batcher", () => {
  it("push never waits: records go out in one batch on flush", async () => {
    const written: number[][] = [];
    const batcher = createUsageBatcher<number>({ write: async (r) => void written.push(r), flushIntervalMs: 60_000, maxBatch: 100, maxPending: 1_000 });
    const results = [1, 2, 3].map((n) => batcher.push(n));
    expect(results).toEqual([undefined, undefined, undefined]);
    expect(batcher.pending).toBe(3);
    await batcher.flush();
    expect(written).toEqual([[1, 2, 3]]);
    expect(batcher.pending).toBe(0);
  });

  it("writes a full batch without waiting for the interval", async () => {
    const w = controlledWrite();
    const batcher = createUsageBatcher<number>({ write: w.write, flushIntervalMs: 60_000, maxBatch: 3, maxPending: 100 });
    for (let n = 1; n <= 4; n++) batcher.push(n);
    await settle();
    expect(w.batches).toEqual([[1, 2, 3]]);
    expect(batcher.pending).toBe(4);
    w.waiting[0].resolve();
    await settle();
    expect(batcher.pending).toBe(1);
  });

  it("keeps the records of a failed write, retries them, and reports the failure without them", async () => {
    const w = controlledWrite();
    const errors: unknown[] = [];
    const batcher = createUsageBatcher<number>({ write: w.write, flushIntervalMs: 1_000, maxBatch: 2, maxPending: 100, onWriteError: (e) => errors.push(e) });
    batcher.push(1);
    batcher.push(2);
    await settle();
    w.waiting[0].reject(new Error("database down"));
    await settle();
    expect(errors).toHaveLength(1);
    expect(batcher.pending).toBe(2);
    expect(w.batches).toHaveLength(1);
    // Retried when the interval has passed, with the same records in the same order.
    await settle(1_000);
    expect(w.batches[1]).toEqual([1, 2]);
    w.waiting[1].resolve();
    await settle();
    expect(batcher.pending).toBe(0);
  });

  it("drops and counts records once the buffer is full, never growing past it", async () => {
    const w = controlledWrite();
    const batcher = createUsageBatcher<number>({ write: w.write, flushIntervalMs: 60_000, maxBatch: 10, maxPending: 5 });
    for (let n = 0; n < 8; n++) batcher.push(n);
    expect(batcher.pending).toBe(5);
    expect(batcher.dropped).toBe(3);
  });

  it("flush drains everything, batch after batch, and rejects (keeping the rest) when a write fails", async () => {
    const written: number[][] = [];
    let fail = false;
    const batcher = createUsageBatcher<number>({
      write: async (r) => {
        if (fail) throw new Error("down");
        written.push(r);
      },
      flushIntervalMs: 60_000,
      maxBatch: 2,
      maxPending: 100,
    });
    for (let n = 1; n <= 5; n++) batcher.push(n);
    await batcher.flush();
    expect(written).toEqual([[1, 2], [3, 4], [5]]);

    fail = true;
    batcher.push(6);
    await expect(batcher.flush()).rejects.toThrow("down");
    expect(batcher.pending).toBe(1);
  });
});
