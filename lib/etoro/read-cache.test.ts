import { describe, expect, it } from "vitest";
import { ReadCache } from "./read-cache";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("ReadCache", () => {
  it("shares one load between concurrent reads of a key", async () => {
    const cache = new ReadCache<number>(1_000);
    let loads = 0;
    const gate = deferred<number>();
    const reads = Array.from({ length: 10 }, () => cache.get("k", () => (loads++, gate.promise)));
    gate.resolve(7);
    expect(await Promise.all(reads)).toEqual(Array(10).fill(7));
    expect(loads).toBe(1);
  });

  it("serves from cache until the TTL passes", async () => {
    let now = 0;
    const cache = new ReadCache<number>(100, 10, () => now);
    let loads = 0;
    await cache.get("k", async () => ++loads);
    now = 99;
    expect(await cache.get("k", async () => ++loads)).toBe(1);
    now = 100;
    expect(await cache.get("k", async () => ++loads)).toBe(2);
  });

  it("does not store a read that was under way when the key was invalidated", async () => {
    const cache = new ReadCache<string>(10_000);
    const gate = deferred<string>();
    const stale = cache.get("k", () => gate.promise);
    cache.invalidate("k");
    const fresh = cache.get("k", async () => "after");
    gate.resolve("before");
    expect(await stale).toBe("before");
    expect(await fresh).toBe("after");
    expect(await cache.get("k", async () => "again")).toBe("after");
  });

  it("does not cache failures", async () => {
    const cache = new ReadCache<number>(10_000);
    await expect(cache.get("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("k", async () => 3)).toBe(3);
  });
});

describe("ReadCache bookkeeping", () => {
  it("keeps the last known value after invalidation, without serving it as fresh", async () => {
    const cache = new ReadCache<number>(10_000);
    await cache.get("k", async () => 1);
    cache.invalidate("k");
    expect(cache.peek("k")).toBeUndefined();
    expect(cache.lastKnown("k")).toBe(1);
    expect(await cache.get("k", async () => 2)).toBe(2);
  });

  it("holds at most maxEntries keys and replacing a key evicts nothing else", async () => {
    const cache = new ReadCache<number>(10_000, 2);
    await cache.get("a", async () => 1);
    await cache.get("b", async () => 2);
    cache.invalidate("b");
    await cache.get("b", async () => 3);
    expect(cache.lastKnown("a")).toBe(1);
    await cache.get("c", async () => 4);
    expect(cache.lastKnown("a")).toBeUndefined();
    expect(cache.lastKnown("b")).toBe(3);
  });

  it("reads after an invalidation start a new load instead of joining the stale one", async () => {
    const cache = new ReadCache<string>(10_000);
    let release!: (v: string) => void;
    const stale = cache.get("k", () => new Promise((r) => (release = r)));
    cache.invalidate("k");
    let loads = 0;
    const fresh = cache.get("k", async () => (loads++, "new"));
    release("old");
    expect([await stale, await fresh, loads]).toEqual(["old", "new", 1]);
  });
});

describe("ReadCache notBefore", () => {
  it("reloads a value loaded before the change, and concurrent readers share that one reload", async () => {
    let now = 100;
    const cache = new ReadCache<string>(10_000, 10, () => now);
    await cache.get("k", async () => "old");
    now = 200;
    let loads = 0;
    let release!: (v: string) => void;
    const gate = new Promise<string>((r) => (release = r));
    const reads = Array.from({ length: 10 }, () => cache.get("k", () => (loads++, gate), { notBefore: 150 }));
    release("new");
    expect(await Promise.all(reads)).toEqual(Array(10).fill("new"));
    expect(loads).toBe(1);
    expect(await cache.get("k", async () => "again", { notBefore: 150 })).toBe("new");
  });
});
