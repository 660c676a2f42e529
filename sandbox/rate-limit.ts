/**
 * The quota, like eToro's: `limit` requests per 60 s per user key, one budget shared by
 * every agent-portfolio endpoint. The window is eToro's 60 s unless configured shorter
 * (tests of pacing, which then take seconds instead of minutes).
 *
 * Sliding window (a log of timestamps): a request is allowed when fewer than `limit`
 * requests were allowed in the window before it. Refused requests do not use the budget.
 * Retry-After is the whole number of seconds until the oldest request in the window
 * leaves it (at least 1). `limit` 0 turns the quota off.
 */

import { DEFAULT_QUOTA_WINDOW_MS } from "./config";

export type QuotaDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly log = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    private readonly windowMs = DEFAULT_QUOTA_WINDOW_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  take(key: string): QuotaDecision {
    if (this.limit <= 0) return { allowed: true };
    const now = this.clock();
    const recent = (this.log.get(key) ?? []).filter((stamp) => stamp > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.log.set(key, recent);
      const waitMs = recent[0] + this.windowMs - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    recent.push(now);
    this.log.set(key, recent);
    return { allowed: true };
  }

  reset(): void {
    this.log.clear();
  }
}
