import { describe, expect, it } from "vitest";
import { IDLE_AFTER_MS, canBypassGateway, fillBuckets, isUnused30d } from "./token-usage";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe("unused for 30 days", () => {
  it("holds at exactly 30 days of silence and not a millisecond sooner", () => {
    expect(isUnused30d({ lastUsedAt: ago(IDLE_AFTER_MS), createdAt: ago(IDLE_AFTER_MS) }, NOW)).toBe(true);
    expect(isUnused30d({ lastUsedAt: ago(IDLE_AFTER_MS - 1), createdAt: ago(IDLE_AFTER_MS * 2) }, NOW)).toBe(false);
  });
  it("counts a never-used token as idle once it is 30 days old, or when its age is unknown", () => {
    expect(isUnused30d({ lastUsedAt: null, createdAt: ago(IDLE_AFTER_MS) }, NOW)).toBe(true);
    expect(isUnused30d({ lastUsedAt: null, createdAt: ago(IDLE_AFTER_MS - 1) }, NOW)).toBe(false);
    expect(isUnused30d({ lastUsedAt: null, createdAt: null }, NOW)).toBe(true);
  });
});

describe("gateway bypass and buckets", () => {
  it("only a gateway-only token cannot go around the gateway", () => {
    expect([true, false, null].map((gatewayOnly) => canBypassGateway({ gatewayOnly }))).toEqual([false, true, true]);
  });
  it("fills the hours nobody called with zeros, ending with the current one", () => {
    const start = Date.parse("2026-03-10T11:00:00Z");
    const buckets = fillBuckets(new Map([[start, { ok: 2, failed: 1, refused: 0 }]]), NOW + 5 * 60_000, "hour", 3);
    expect(buckets).toEqual([
      { at: "2026-03-10T10:00:00.000Z", ok: 0, failed: 0, refused: 0 },
      { at: "2026-03-10T11:00:00.000Z", ok: 2, failed: 1, refused: 0 },
      { at: "2026-03-10T12:00:00.000Z", ok: 0, failed: 0, refused: 0 },
    ]);
  });
});
