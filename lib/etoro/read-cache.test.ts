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
