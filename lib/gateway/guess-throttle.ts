/**
 * Throttles guessing: an address that keeps presenting tokens this console never
 * minted is refused for the rest of a fixed window. The counts live in this
 * instance's memory (N instances give a guesser N windows, which still leaves
 * guessing a 256-bit secret hopeless; the point is to stop a flood cheaply),
 * in an LRU bounded to `maxAddresses`, so a spray from many addresses can only
 * evict old entries, never grow memory. IPv6 callers are counted per /64, the
 * block one subscriber usually holds.
 */
import ipaddr from "ipaddr.js";
import { LRUCache } from "lru-cache";

export type GuessThrottleOptions = {
  /** Unknown tokens an address may present per window before it is refused. */
  maxFailures: number;
  windowMs: number;
  /** Addresses remembered at once; the least recently seen is forgotten first. */
  maxAddresses: number;
  now?: () => number;
};

export type GuessThrottle = {
  /** Milliseconds until the address may try again; 0 when it may try now. */
  blockedForMs(address: string): number;
  /** Counts one unknown token presented from the address. */
  fail(address: string): void;
  /** Addresses currently remembered (bounded by maxAddresses). */
  readonly size: number;
};

type Window = { startedAt: number; failures: number };

/** The key an address is counted under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
export function throttleKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

export function createGuessThrottle(options: GuessThrottleOptions): GuessThrottle {
  const now = options.now ?? Date.now;
  const windows = new LRUCache<string, Window>({ max: options.maxAddresses });

  function current(key: string): Window | undefined {
    const window = windows.get(key);
    if (window && now() - window.startedAt >= options.windowMs) {
      windows.delete(key);
      return undefined;
    }
    return window;
  }

  return {
    blockedForMs(address) {
      // Every request asks; while no address has failed there is nothing to parse an address for.
      if (windows.size === 0) return 0;
      const window = current(throttleKey(address));
      if (!window || window.failures < options.maxFailures) return 0;
      return Math.max(1, window.startedAt + options.windowMs - now());
    },
    fail(address) {
      const key = throttleKey(address);
      const window = current(key);
      if (window) window.failures += 1;
      else windows.set(key, { startedAt: now(), failures: 1 });
    },
    get size() {
      return windows.size;
    },
  };
}
