"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { NO_POLICY } from "@/lib/domain/policy";

export const policyQuery = queryOptions({
  queryKey: ["policy"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/policy", { signal }),
  // Server settings: they change with a restart, not while a page is open.
  staleTime: 10 * 60_000,
});

/**
 * The admin policy (MAX_TOKEN_LIFETIME_DAYS, REQUIRE_IP_WHITELIST_FOR_REAL_WRITE).
 * `policy` is NO_POLICY until loaded: the BFF still refuses what breaks the real one.
 */
export function usePolicy() {
  const query = useQuery(policyQuery);
  return { ...query, policy: query.data ?? NO_POLICY };
}
