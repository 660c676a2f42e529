/**
 * A small TTL cache with single-flight: concurrent reads of one key share one
 * upstream call, and a read finished after an invalidation is not stored
 * (so a mutation never gets papered over by a list fetched before it).
 * eToro allows 60 requests a minute, so every saved call matters.
 */
export class ReadCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private readonly inFlight = new Map<string, { generation: number; promise: Promise<T> }>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;

    const generation = this.generations.get(key) ?? 0;
    const pending = this.inFlight.get(key);
    if (pending && pending.generation === generation) return pending.promise;

    const promise = load().then(
      (value) => {
        if ((this.generations.get(key) ?? 0) === generation) this.store(key, value);
        return value;
      },
    ).finally(() => {
      if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, { generation, promise });
    return promise;
  }

  /** The cached value if fresh, without loading. */
  peek(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > this.now() ? hit.value : undefined;
  }

  /** Forget the key; reads already under way will not be cached. */
  invalidate(key: string): void {
    this.entries.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  private store(key: string, value: T): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }
}
