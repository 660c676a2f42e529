"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiClientError, apiFetch } from "@/lib/api-client";

/** The allowed scopes change with eToro releases, not during a session: fetch once per page load. */
export const scopesQuery = queryOptions({
  queryKey: ["scopes"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/scopes", { signal }),
  staleTime: Infinity,
  // Retrying a 4xx (signed out, rate limited) only spends the shared quota.
  retry: (failures, error) => failures < 2 && !(error instanceof ApiClientError && error.status >= 400 && error.status < 500),
});

export function useScopes() {
  return useQuery(scopesQuery);
}
