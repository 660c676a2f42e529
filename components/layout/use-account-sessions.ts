"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "@/components/common/toast";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import type { SessionListItem } from "@/lib/domain/types";

export const sessionsQuery = queryOptions({
  queryKey: ["sessions"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/sessions", { signal }),
  // Read when the menu opens; sessions elsewhere start and end without telling this page.
  staleTime: 0,
});

export function useAccountSessions(enabled: boolean) {
  return useQuery({ ...sessionsQuery, enabled });
}

/** Leaves for the sign-in page with nothing of this account left in the cache. */
function useLeave() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    router.replace("/login");
    router.refresh();
  };
}

const failed = (what: string) => (e: unknown) =>
  toast.error(`Could not ${what}. Try again.`, { description: e instanceof ApiClientError && e.requestId ? `Request id ${e.requestId}` : undefined });

export function useSignOut() {
  const leave = useLeave();
  return useMutation({ mutationFn: () => apiFetch("DELETE /api/session"), onSuccess: leave, onError: failed("sign out") });
}

export function useSignOutEverywhere() {
  const leave = useLeave();
  return useMutation({ mutationFn: () => apiFetch("DELETE /api/sessions"), onSuccess: leave, onError: failed("sign out everywhere") });
}

/** Ends one session; ending this browser's own is a sign-out. */
export function useEndSession() {
  const leave = useLeave();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (session: SessionListItem) => apiFetch("DELETE /api/sessions/:sessionId", { params: { sessionId: session.id } }),
    onSuccess: (_data, session) => {
      if (session.current) return leave();
      toast.success(`Ended the session of ${session.browser}.`);
      return queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    },
    onError: failed("end that session"),
  });
}
