const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2 });

export function formatUsd(value: number | null | undefined): string {
  return value == null ? "—" : usd.format(value);
}

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The unit for a distance in seconds. The bands sit away from the expiry presets
 * (24 hours, 7, 30 and 90 days, 1 year), so a token minted a few seconds ago reads
 * the same as its preset ("in 7 days", never "next week" on one render and "in 7
 * days" on the next) and a page shows the same words every time it is drawn.
 */
function unitFor(abs: number): [Intl.RelativeTimeFormatUnit, number] {
  if (abs < MINUTE) return ["second", 1];
  if (abs < HOUR) return ["minute", MINUTE];
  if (abs < 48 * HOUR) return ["hour", HOUR];
  if (abs < 60 * DAY) return ["day", DAY];
  if (abs < 360 * DAY) return ["month", 30 * DAY];
  return ["year", 365 * DAY];
}

/** "in 6 days", "3 hours ago", "in 3 months". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  const [unit, size] = unitFor(Math.abs(seconds));
  return rtf.format(Math.round(seconds / size), unit);
}

/** The exact instant in UTC, for tooltips: "2026-11-29 14:03 UTC". */
export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A span of time in its largest whole unit: "3 days", "5 hours", "under a minute". */
export function formatDuration(ms: number): string {
  const seconds = Math.abs(ms) / 1000;
  const units: [string, number][] = [
    ["year", 365 * DAY],
    ["month", 30 * DAY],
    ["week", 7 * DAY],
    ["day", DAY],
    ["hour", HOUR],
    ["minute", MINUTE],
  ];
  for (const [unit, size] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${unit}${n === 1 ? "" : "s"}`;
    }
  }
  return "under a minute";
}
