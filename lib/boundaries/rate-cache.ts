/**
 * The instrument rates the gateway values orders in units with, read from the
 * upstream's own rates operation (with the calling agent's credentials) and
 * shared by every token on this instance: one read per instrument per
 * `ttlMs`, concurrent misses joined into one, so valuing orders costs eToro's
 * quota little. The value is per unit in USD: the higher of bid and ask, times
 * the conversion rate (a cautious price for a budget). A failed read is not
 * kept; the next order tries again.
 */
const RATES_PATH = "/api/v1/market-data/instruments/rates";
const MAX_KEPT = 10_000;

export type ReadUpstream = (path: string, query: string) => Promise<{ status: number; body: Buffer }>;

export type RateCache = {
  /** USD per unit of the instrument, or null when the rate cannot be read. */
  rateOf(instrumentId: number, read: ReadUpstream): Promise<number | null>;
  /** Upstream reads made so far (each spends the caller's eToro quota). */
  readonly reads: number;
};

type Kept = { rate: number; at: number };

function parseRate(body: Buffer, instrumentId: number): number | null {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { rates?: { instrumentID?: unknown; ask?: unknown; bid?: unknown; conversionRateAsk?: unknown }[] };
    const row = parsed.rates?.find((r) => r.instrumentID === instrumentId);
    if (!row) return null;
    const prices = [row.ask, row.bid].filter((v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0);
    if (prices.length === 0) return null;
    const conversion = typeof row.conversionRateAsk === "number" && row.conversionRateAsk > 0 ? row.conversionRateAsk : 1;
    return Math.max(...prices) * conversion;
  } catch {
    return null;
  }
}

export function createRateCache(options: { ttlMs?: number; now?: () => number } = {}): RateCache {
  const ttlMs = options.ttlMs ?? 5_000;
  const now = options.now ?? Date.now;
  const kept = new Map<number, Kept>();
  const inFlight = new Map<number, Promise<number | null>>();
  let reads = 0;

  async function fetchRate(instrumentId: number, read: ReadUpstream): Promise<number | null> {
    reads += 1;
    try {
      const answer = await read(RATES_PATH, `instrumentIds=${instrumentId}`);
      const rate = answer.status === 200 ? parseRate(answer.body, instrumentId) : null;
      if (rate !== null) {
        if (kept.size >= MAX_KEPT) kept.clear();
        kept.set(instrumentId, { rate, at: now() });
      }
      return rate;
    } catch {
      return null;
    }
  }

  return {
    rateOf(instrumentId, read) {
      const hit = kept.get(instrumentId);
      if (hit && now() - hit.at < ttlMs) return Promise.resolve(hit.rate);
      let running = inFlight.get(instrumentId);
      if (!running) {
        running = fetchRate(instrumentId, read).finally(() => inFlight.delete(instrumentId));
        inFlight.set(instrumentId, running);
      }
      return running;
    },
    get reads() {
      return reads;
    },
  };
}
