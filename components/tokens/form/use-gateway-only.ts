"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useFormContext } from "react-hook-form";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import type { TokenFormValues } from "./token-form";

export const gatewayOnlyQuery = queryOptions({
  queryKey: ["gateway-only"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/gateway-only", { signal }),
  // A server setting: it changes with a restart, not while a page is open.
  staleTime: 10 * 60_000,
  retry: (failures, error) => failures < 2 && !(error instanceof ApiClientError && error.status >= 400 && error.status < 500),
});

/**
 * Whether this console can make gateway-only tokens. Until it is known the
 * choice stays offered: the server still refuses one it cannot make, in words.
 */
export function useGatewayOnlyAvailability(): { available: boolean; reason: string | null } {
  return useQuery(gatewayOnlyQuery).data ?? { available: true, reason: null };
}

/**
 * Rendered inside a token form: its "Only through the console gateway" follows
 * the server, off where it cannot be had, whichever step is on screen.
 */
export function GatewayOnlyDefault(): null {
  const { available } = useGatewayOnlyAvailability();
  const { getValues, setValue } = useFormContext<TokenFormValues>();
  useEffect(() => {
    if (!available && getValues("gatewayOnly")) setValue("gatewayOnly", false);
  }, [available, getValues, setValue]);
  return null;
}
