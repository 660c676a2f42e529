import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRelative } from "./format";

const NOW = Date.parse("2026-11-22T12:00:00Z");
const at = (ms: number) => new Date(NOW + ms).toISOString();
const DAY = 86_400_000;

describe("formatRelative", () => {
  it("reads each expiry preset the same a few seconds either side of it", () => {
    const presets: [number, string][] = [
      [DAY, "in 24 hours"],
      [7 * DAY, "in 7 days"],
      [30 * DAY, "in 30 days"],
      [90 * DAY, "in 3 months"],
      [365 * DAY, "next year"],
    ];
    for (const [ms, words] of presets) {
      for (const drift of [-30_000, -1_000, 0, 1_000]) expect(formatRelative(at(ms + drift), NOW)).toBe(words);
    }
  });

  it("says past and future in words", () => {
    expect(formatRelative(at(-3 * 3_600_000), NOW)).toBe("3 hours ago");
    expect(formatRelative(at(-45 * DAY), NOW)).toBe("45 days ago");
    expect(formatRelative(at(0), NOW)).toBe("now");
  });

  it("never throws and always answers words for any instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: -50 * 365 * DAY, max: 50 * 365 * DAY }), (ms) => {
        expect(formatRelative(at(ms), NOW)).toMatch(/^(in |now|tomorrow|yesterday|next |last |this |\d)/);
      }),
    );
  });
});
