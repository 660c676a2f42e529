/**
 * A token's boundaries in words, in one place: the review step, the token view,
 * the /tokens column, the search box and the audit's before → after all say the
 * same thing.
 */
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { hasBoundaries } from "./token-boundaries";

const usdFull = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdWhole = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** 25000 → "$250.00"; 12345 → "$123.45". */
export function usdCents(cents: number): string {
  return usdFull.format(cents / 100);
}

/** Short, for badges: "$250", but "$99.50" when there are cents. */
export function usdCentsShort(cents: number): string {
  return cents % 100 === 0 ? usdWhole.format(cents / 100) : usdFull.format(cents / 100);
}

export type SymbolOf = (instrumentId: number) => string;
const bareId: SymbolOf = (id) => `#${id}`;

/** Boundaries hold only at the gateway: the words every place that sets or shows them says. */
export const GATEWAY_ONLY_NOTE =
  "Boundaries are held by this console's gateway, not by eToro: they bind every call the agent makes through the gateway, and nothing else.";

export const NO_BOUNDARIES_TEXT = "No boundaries: only eToro's own limits apply.";

/** One sentence per boundary set, in the order the form asks for them. */
export function boundaryLines(b: TokenBoundaries, symbolOf: SymbolOf = bareId): string[] {
  const lines: string[] = [];
  if (b.readOnly) lines.push("Read-only at the gateway: every order or other write is refused.");
  if (b.maxOrderUsdCents !== null) lines.push(`At most ${usdCents(b.maxOrderUsdCents)} per order.`);
  if (b.maxLeverage !== null) lines.push(`Leverage at most ${b.maxLeverage}×.`);
  if (b.dailyBudgetUsdCents !== null) lines.push(`Opens at most ${usdCents(b.dailyBudgetUsdCents)} a day (resets 00:00 UTC).`);
  if (b.weeklyBudgetUsdCents !== null) lines.push(`Opens at most ${usdCents(b.weeklyBudgetUsdCents)} a week (resets Monday 00:00 UTC).`);
  if (b.instrumentsAllowed.length > 0) lines.push(`Only these instruments: ${b.instrumentsAllowed.map(symbolOf).join(", ")}.`);
  if (b.instrumentsRefused.length > 0) lines.push(`Never these instruments: ${b.instrumentsRefused.map(symbolOf).join(", ")}.`);
  if (b.tradingHours) lines.push(`Orders only between ${b.tradingHours.fromUtc} and ${b.tradingHours.toUtc} UTC.`);
  if (b.requestsPerMinute !== null) lines.push(`At most ${b.requestsPerMinute} requests a minute.`);
  if (b.approval.aboveUsdCents !== null) lines.push(`Asks you before any order above ${usdCents(b.approval.aboveUsdCents)}.`);
  if (b.approval.everyRealOrder) lines.push("Asks you before every real-money order.");
  if (b.approval.outsideInstrumentList) lines.push("Asks you, instead of refusing, before an instrument outside the list.");
  return lines.length ? lines : [NO_BOUNDARIES_TEXT];
}

/** A few words per boundary, for a table cell or a badge list: "$100/order", "$500/day", "≤ 2×". */
export function boundaryChips(b: TokenBoundaries | null): string[] {
  if (!hasBoundaries(b)) return [];
  const chips: string[] = [];
  if (b.readOnly) chips.push("read-only");
  if (b.maxOrderUsdCents !== null) chips.push(`${usdCentsShort(b.maxOrderUsdCents)}/order`);
  if (b.dailyBudgetUsdCents !== null) chips.push(`${usdCentsShort(b.dailyBudgetUsdCents)}/day`);
  if (b.weeklyBudgetUsdCents !== null) chips.push(`${usdCentsShort(b.weeklyBudgetUsdCents)}/week`);
  if (b.maxLeverage !== null) chips.push(`leverage ≤ ${b.maxLeverage}×`);
  if (b.instrumentsAllowed.length > 0) chips.push(`${b.instrumentsAllowed.length} instrument${b.instrumentsAllowed.length === 1 ? "" : "s"} only`);
  if (b.instrumentsRefused.length > 0) chips.push(`${b.instrumentsRefused.length} refused`);
  if (b.tradingHours) chips.push(`${b.tradingHours.fromUtc}–${b.tradingHours.toUtc} UTC`);
  if (b.requestsPerMinute !== null) chips.push(`${b.requestsPerMinute}/min`);
  if (b.approval.aboveUsdCents !== null) chips.push(`asks above ${usdCentsShort(b.approval.aboveUsdCents)}`);
  if (b.approval.everyRealOrder) chips.push("asks every real order");
  if (b.approval.outsideInstrumentList) chips.push("asks outside list");
  return chips;
}

/** The chips as one line, "none" when there are none (the audit's before → after). */
export function boundariesSummary(b: TokenBoundaries | null): string {
  const chips = boundaryChips(b);
  return chips.length ? chips.join(", ") : "none";
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : []);
const time = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * Boundaries as a ledger row recorded them (the server wrote them through the schema),
 * read without zod so /audit stays light; anything missing reads as no limit. Null when
 * the value is not an object at all.
 */
export function boundariesFromSnapshot(value: unknown): TokenBoundaries | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const hours = v.tradingHours as Record<string, unknown> | null | undefined;
  const approval = (v.approval ?? {}) as Record<string, unknown>;
  const from = time(hours?.fromUtc);
  const to = time(hours?.toUtc);
  return {
    maxOrderUsdCents: num(v.maxOrderUsdCents),
    maxLeverage: num(v.maxLeverage),
    dailyBudgetUsdCents: num(v.dailyBudgetUsdCents),
    weeklyBudgetUsdCents: num(v.weeklyBudgetUsdCents),
    instrumentsAllowed: ids(v.instrumentsAllowed),
    instrumentsRefused: ids(v.instrumentsRefused),
    tradingHours: from && to ? { fromUtc: from, toUtc: to } : null,
    requestsPerMinute: num(v.requestsPerMinute),
    readOnly: v.readOnly === true,
    approval: { aboveUsdCents: num(approval.aboveUsdCents), everyRealOrder: approval.everyRealOrder === true, outsideInstrumentList: approval.outsideInstrumentList === true },
  };
}
