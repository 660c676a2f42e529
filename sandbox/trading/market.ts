/**
 * Deterministic moving rates: an instrument's mid rate is a fixed function of time
 * (three sine waves with periods of hours, minutes and seconds-scale, their phases
 * seeded from the symbol), so the same instant always gives the same bid and ask and a
 * test that controls the clock controls the market. Bid and ask sit half the
 * instrument's spread either side of the mid.
 */
import { createHash } from "node:crypto";
import { kindOf, type InstrumentDefinition } from "./instruments";

export interface Quote {
  instrumentId: number;
  bid: number;
  ask: number;
  mid: number;
  /** Milliseconds since the epoch the quote is for. */
  at: number;
  /** Identifies the price snapshot: one per instrument per second. */
  priceRateId: number;
}

const WAVES = [
  { periodMs: 6 * 3_600_000, weight: 0.6 },
  { periodMs: 47 * 60_000, weight: 0.3 },
  { periodMs: 3.7 * 60_000, weight: 0.1 },
] as const;

const phaseCache = new Map<string, number[]>();

function phases(symbol: string): number[] {
  let found = phaseCache.get(symbol);
  if (!found) {
    const digest = createHash("sha256").update(`rate:${symbol}`).digest();
    found = WAVES.map((_, i) => (digest.readUInt16BE(i * 2) / 65_536) * 2 * Math.PI);
    phaseCache.set(symbol, found);
  }
  return found;
}

function round(value: number, precision: number): number {
  const factor = 10 ** precision;
  return Math.round(value * factor) / factor;
}

export function quoteAt(instrument: InstrumentDefinition, atMs: number): Quote {
  const settings = kindOf(instrument);
  const phase = phases(instrument.symbol);
  const wave = WAVES.reduce((sum, { periodMs, weight }, i) => sum + weight * Math.sin((2 * Math.PI * atMs) / periodMs + phase[i]), 0);
  const mid = instrument.basePrice * Math.exp(settings.volatility * wave);
  const halfSpread = Math.max((mid * settings.spread) / 2, 10 ** -instrument.precision);
  return {
    instrumentId: instrument.instrumentId,
    bid: round(mid - halfSpread, instrument.precision),
    ask: round(mid + halfSpread, instrument.precision),
    mid: round(mid, instrument.precision),
    at: atMs,
    priceRateId: instrument.instrumentId * 10_000_000_000 + Math.floor(atMs / 1000),
  };
}

/** The rate a position opens at (buy at the ask, sell at the bid)... */
export function openRate(quote: Quote, isBuy: boolean): number {
  return isBuy ? quote.ask : quote.bid;
}

/** ...and the rate it closes at (the other side). */
export function closeRate(quote: Quote, isBuy: boolean): number {
  return isBuy ? quote.bid : quote.ask;
}
