/**
 * A small TTL cache with single-flight: concurrent reads of one key share one
 * upstream call, and a read that was under way when the key was invalidated is
 * not stored (so a mutation never gets papered over by a list fetched before it).
 * eToro allows 60 requests a minute, so every saved call matters.
 *
 * An invalidated or expired value is kept as "last known" (never served as
 * fresh) so callers can still name what a mutation touched.
 *
 * `notBefore` (ms): the caller knows the data changed at that time, perhaps
 * through another server, so only a load started since then will do.
 */
export class ReadCache<T> {
  private readonly entries = new Map<string, { value: T; freshUntil: number; startedAt: number }>();
  private readonly inFlight = new Map<string, { promise: Promise<T>; startedAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<T>, options: { notBefore?: number } = {}): Promise<T> {
    const notBefore = options.notBefore ?? -Infinity;
    const hit = this.entries.get(key);
    if (hit && hit.freshUntil > this.now() && hit.startedAt >= notBefore) return hit.value;
    const pending = this.inFlight.get(key);
    if (pending && pending.startedAt >= notBefore) return pending.promise;

    const startedAt = this.now();
    const promise: Promise<T> = load()
      .then((value) => {
        // Still the current load for this key? Then nothing invalidated it meanwhile.
        if (this.inFlight.get(key)?.promise === promise) this.store(key, value, startedAt);
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, { promise, startedAt });
    return promise;
  }

  /** The cached value if fresh, without loading. */
  peek(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.freshUntil > this.now() ? hit.value : undefined;
  }

  /** The last value loaded for the key, fresh or not. */
  lastKnown(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** Marks the key stale; a read under way will neither be stored nor shared with later reads. */
  invalidate(key: string): void {
    const hit = this.entries.get(key);
    if (hit) hit.freshUntil = 0;
    this.inFlight.delete(key);
  }

  private store(key: string, value: T, startedAt: number): void {
    // Re-inserting moves the key to the back, so eviction drops the least recently loaded.
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, freshUntil: this.now() + this.ttlMs, startedAt });
  }
}
