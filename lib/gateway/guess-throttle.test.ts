import { describe, expect, it } from "vitest";
import { createGuessThrottle, throttleKey } from "./guess-throttle";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("the guess throttle", () => {
  it("refuses an address after maxFailures for the rest of its window, then lets it try again", () => {
    const time = clock();
    const throttle = createGuessThrottle({ maxFailures: 3, windowMs: 60_000, maxAddresses: 100, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(throttle.blockedForMs("203.0.113.9")).toBe(0);
      throttle.fail("203.0.113.9");
    }
    time.advance(10_000);
    expect(throttle.blockedForMs("203.0.113.9")).toBe(50_000);
    expect(throttle.blockedForMs("203.0.113.10")).toBe(0);
    time.advance(50_000);
    expect(throttle.blockedForMs("203.0.113.9")).toBe(0);
  });

  it("stays bounded however many addresses guess", () => {
    const throttle = createGuessThrottle({ maxFailures: 1, windowMs: 60_000, maxAddresses: 50, now: clock().now });
    for (let i = 0; i < 10_000; i++) throttle.fail(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(throttle.size).toBe(50);
    // The most recent guessers are the ones remembered.
    expect(throttle.blockedForMs("10.0.39.15")).toBeGreaterThan(0);
  });

  it("counts an IPv6 /64 as one address and an IPv4-mapped address as its IPv4", () => {
    expect(throttleKey("2001:db8:1:2:aaaa::1")).toBe(throttleKey("2001:db8:1:2:bbbb::9"));
    expect(throttleKey("2001:db8:1:3::1")).not.toBe(throttleKey("2001:db8:1:2::1"));
    expect(throttleKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    const throttle = createGuessThrottle({ maxFailures: 1, windowMs: 60_000, maxAddresses: 10, now: clock().now });
    throttle.fail("2001:db8:1:2::1");
    expect(throttle.blockedForMs("2001:db8:1:2::ffff")).toBeGreaterThan(0);
  });
});
