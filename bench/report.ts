/**
 * Small helpers for the benchmark report: summary statistics, number formatting and
 * an aligned plain-text table. Benchmarks print figures; nothing here judges them.
 */

/** What every benchmark hands back: the printed section and the same figures as data. */
export type BenchResult<T> = { text: string; figures: T };

export type Summary = { runs: number; median: number; p95: number; min: number; max: number; mean: number };

/** Nearest-rank percentile (p in 0..100) of an unsorted sample. */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(sample: number[]): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(sample: number[]): Summary {
  return {
    runs: sample.length,
    median: round(median(sample)),
    p95: round(percentile(sample, 95)),
    min: round(Math.min(...sample)),
    max: round(Math.max(...sample)),
    mean: round(sample.reduce((sum, x) => sum + x, 0) / sample.length),
  };
}

/** Rounds for the JSON file: 3 decimals is below timer noise. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Milliseconds with a precision that suits the magnitude. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** Integer with thousands separators. */
export function int(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "n/a";
}

/** "a / b" as "12.3×". */
export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "n/a";
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : "n/a";
}

export function heading(title: string): string {
  return `\n${title}\n${"=".repeat(title.length)}`;
}

export function subheading(title: string): string {
  return `\n${title}`;
}

type Cell = string | number;

/** A table with the first column left-aligned and the rest right-aligned (numbers). */
export function table(headers: string[], rows: Cell[][]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")}`.trimEnd();
  return [line(headers), `  ${widths.map((w) => "-".repeat(w)).join("  ")}`, ...cells.map(line)].join("\n");
}

/** Runs `fn` and returns its wall time in ms with its value. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}
