/**
 * A token's own request rate (requestsPerMinute), held in this instance's
 * memory: a token bucket per token that holds a minute's allowance and refills
 * continuously. No database round trip, so it is per instance: behind N
 * instances a token may make up to N times its rate (SECURITY.md says so).
 */
export type RequestRate = {
  /** 0 when the request may go now; otherwise how many ms until it may. */
  take(userTokenId: string, perMinute: number): number;
};

type Bucket = { tokens: number; at: number; perMinute: number };

const MAX_BUCKETS = 100_000;

export function createRequestRate(now: () => number = () => performance.now()): RequestRate {
  const buckets = new Map<string, Bucket>();
  return {
    take(userTokenId, perMinute) {
      const at = now();
      let bucket = buckets.get(userTokenId);
      if (!bucket || bucket.perMinute !== perMinute) {
        if (!bucket && buckets.size >= MAX_BUCKETS) buckets.clear();
        bucket = { tokens: perMinute, at, perMinute };
        buckets.set(userTokenId, bucket);
      }
      const perMs = perMinute / 60_000;
      bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs);
      bucket.at = at;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs);
    },
  };
}
