"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { portfoliosQuery } from "@/components/portfolios/use-portfolios";
import { apiFetch } from "@/lib/api-client";

/** The expiry banner's counts and first items; under ["portfolios"], so mutations refresh it with the list. */
export const expirySummaryQuery = queryOptions({
  queryKey: [...portfoliosQuery.queryKey, "expiry"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/portfolios/expiry", { signal }),
});

export function useExpirySummary() {
  return useQuery(expirySummaryQuery);
}
