"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";

export const portfoliosQuery = queryOptions({
  queryKey: ["portfolios"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/portfolios", { signal }),
});

export function usePortfolios() {
  return useQuery(portfoliosQuery);
}
