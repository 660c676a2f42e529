"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { portfoliosQuery } from "@/components/common/use-portfolios";
import { apiFetch } from "@/lib/api-client";
import type { ExpirySummary } from "@/lib/domain/types";

/** The expiry banner's counts and first items; under ["portfolios"], so mutations refresh it with the list. */
export const expirySummaryQuery = queryOptions({
  queryKey: [...portfoliosQuery.queryKey, "expiry"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/portfolios/expiry", { signal }),
});

/** `initial`: the summary the HTML came with, if any. */
export function useExpirySummary(initial: ExpirySummary | null) {
  return useQuery({ ...expirySummaryQuery, initialData: initial ?? undefined });
}
