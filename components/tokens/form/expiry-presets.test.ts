import { describe, expect, it } from "vitest";
import { customToIso, expiresAtFor, FIXED_EXPIRY_PRESETS, isExpiryChoice, PRESET_DURATION_MS } from "./expiry-presets";

const now = Date.parse("2026-02-28T10:00:00Z");

describe("expiry presets", () => {
  it("count each fixed duration from the moment given (submit time)", () => {
    expect(expiresAtFor("24h", "", now)).toBe("2026-03-01T10:00:00.000Z");
    expect(expiresAtFor("7d", "", now)).toBe("2026-03-07T10:00:00.000Z");
    expect(expiresAtFor("30d", "", now)).toBe(new Date(now + 30 * 86_400_000).toISOString());
    expect(expiresAtFor("90d", "", now)).toBe(new Date(now + PRESET_DURATION_MS["90d"]).toISOString());
  });

  it("make a year a calendar year, and Never null", () => {
    expect(expiresAtFor("1y", "", now)).toBe("2027-02-28T10:00:00.000Z");
    expect(expiresAtFor("never", "", now)).toBeNull();
  });

  it("pass an unreadable custom value through, so validation refuses it instead of it meaning Never", () => {
    expect(expiresAtFor("custom", "2027-01-31T12:00:00Z", now)).toBe("2027-01-31T12:00:00.000Z");
    expect(expiresAtFor("custom", "soon", now)).toBe("soon");
    expect(expiresAtFor("custom", "", now)).toBe("");
    expect(customToIso("  ")).toBeNull();
  });

  it("offer Edit and Roll only the fixed durations", () => {
    expect(FIXED_EXPIRY_PRESETS.map((p) => p.label)).toEqual(["24 hours", "7 days", "30 days", "90 days", "1 year"]);
    expect(isExpiryChoice("never")).toBe(true);
    expect(isExpiryChoice("forever")).toBe(false);
  });
});
