"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { PortfolioList } from "@/lib/domain/types";

export const portfoliosQuery = queryOptions({
  queryKey: ["portfolios"] as const,
  queryFn: ({ signal }) => apiFetch<PortfolioList>("/api/portfolios", { signal }),
});

export function usePortfolios() {
  return useQuery(portfoliosQuery);
}
