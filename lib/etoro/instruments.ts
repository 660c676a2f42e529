import "server-only";
/**
 * Instruments by symbol, for the boundaries' instrument lists: a search (the
 * person types "AAPL") and names for ids already chosen. The catalogue changes
 * with listings, not per request, so answers are cached for the process and
 * shared by every account (one search costs one call of eToro's 60 a minute, once),
 * and every instrument seen is remembered by id so naming chosen ones is free.
 */
import { getConfig } from "@/lib/config";
import { etoroFetch, type EtoroCredentials, type EtoroTarget } from "./http";
import { ReadCache } from "./read-cache";
import { instrumentDisplayResponseSchema, instrumentSearchResponseSchema } from "./wire-schemas";

export type InstrumentInfo = { instrumentId: number; symbol: string; name: string };

const SEARCH_TTL_MS = 10 * 60 * 1000;
const SEARCH_RESULTS = 20;
/** Instruments remembered by id; a catalogue is a few thousand, this bounds a misbehaving one. */
const MAX_KNOWN = 50_000;

type Caches = { searches: ReadCache<InstrumentInfo[]>; known: Map<number, InstrumentInfo> };
const globalForCaches = globalThis as unknown as { __apcInstrumentCaches?: Caches };
const caches: Caches = (globalForCaches.__apcInstrumentCaches ??= {
  searches: new ReadCache<InstrumentInfo[]>(SEARCH_TTL_MS, 2_000),
  known: new Map(),
});

function target(): EtoroTarget {
  const config = getConfig();
  return { baseUrl: config.upstreamBaseUrl, timeoutMs: config.upstreamTimeoutMs };
}

function remember(list: InstrumentInfo[]): InstrumentInfo[] {
  for (const i of list) {
    if (caches.known.size >= MAX_KNOWN && !caches.known.has(i.instrumentId)) break;
    caches.known.set(i.instrumentId, i);
  }
  return list;
}

/** Instruments whose symbol or name holds `text` (trimmed, any case), symbol matches first; at most 20. */
export async function searchInstruments(credentials: EtoroCredentials, text: string): Promise<InstrumentInfo[]> {
  const needle = text.trim().toLowerCase();
  return caches.searches.get(needle, async () => {
    const query = new URLSearchParams({ searchText: needle, fields: "instrumentId,symbol,displayname", pageSize: "50" });
    const res = await etoroFetch({ method: "GET", path: `/api/v1/market-data/search?${query}`, credentials, target: target(), schema: instrumentSearchResponseSchema });
    const found = (res.data.items ?? []).map((i) => ({ instrumentId: i.instrumentId, symbol: i.symbol ?? `#${i.instrumentId}`, name: i.displayname ?? "" }));
    const rank = (i: InstrumentInfo) => (i.symbol.toLowerCase() === needle ? 0 : i.symbol.toLowerCase().startsWith(needle) ? 1 : 2);
    return remember(found.sort((a, b) => rank(a) - rank(b)).slice(0, SEARCH_RESULTS));
  });
}

/** The named instruments for these ids: remembered ones at once, the rest in one call. Unknown ids are left out. */
export async function instrumentsByIds(credentials: EtoroCredentials, ids: readonly number[]): Promise<InstrumentInfo[]> {
  const missing = ids.filter((id) => !caches.known.has(id));
  if (missing.length > 0) {
    const query = new URLSearchParams({ instrumentIds: missing.join(",") });
    const res = await etoroFetch({ method: "GET", path: `/api/v1/market-data/instruments?${query}`, credentials, target: target(), schema: instrumentDisplayResponseSchema });
    remember(
      (res.data.instrumentDisplayDatas ?? []).map((i) => ({ instrumentId: i.instrumentID, symbol: i.symbolFull ?? `#${i.instrumentID}`, name: i.instrumentDisplayName ?? "" })),
    );
  }
  return ids.flatMap((id) => caches.known.get(id) ?? []);
}
