"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiClientError } from "@/lib/api-client";

/** A session that ended (expired, signed out elsewhere) sends the person to sign in again. */
function onSessionEnded(error: unknown) {
  if (error instanceof ApiClientError && error.status === 401 && error.code === "NotSignedIn") {
    // A full load on purpose: it drops every bit of client state of the ended session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/login");
  }
}

/**
 * One QueryClient per browser tab. Reads stay fresh for 15 s (the BFF caches the
 * upstream list as long), so focus changes and remounts do not spend eToro's quota.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onSessionEnded }),
        mutationCache: new MutationCache({ onError: onSessionEnded }),
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            refetchOnWindowFocus: false,
            retry: (failures, error) =>
              failures < 2 && !(error instanceof ApiClientError && error.status >= 400 && error.status < 500),
          },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
