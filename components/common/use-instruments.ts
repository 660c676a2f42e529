"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

const TEN_MINUTES = 10 * 60 * 1000;

/** Instruments matching a symbol as typed (after a short pause); the server caches them too. */
export function useInstrumentSearch(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ["instruments", "search", q.toLowerCase()] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/instruments", { query: new URLSearchParams({ q }).toString(), signal }),
    enabled: q.length > 0,
    staleTime: TEN_MINUTES,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Symbols for instrument ids already chosen (a stored token's lists): id → symbol. */
export function useInstrumentNames(ids: readonly number[]): ReadonlyMap<number, string> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const names = useQuery({
    queryKey: ["instruments", "ids", sorted.join(",")] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/instruments", { query: `ids=${sorted.join(",")}`, signal }),
    enabled: sorted.length > 0,
    staleTime: Infinity,
    retry: false,
  });
  return new Map((names.data?.instruments ?? []).map((i) => [i.instrumentId, i.symbol]));
}
