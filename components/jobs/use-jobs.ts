"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { JobKind } from "@/lib/jobs/types";

export type JobRequestBody = {
  kind: JobKind;
  tokenIds?: string[];
  portfolioIds?: string[];
  all?: true;
  confirm?: string;
};

/** The account's recent jobs: polled fast while one runs, slowly otherwise (a job may start in another tab). */
export const jobsQuery = queryOptions({
  queryKey: ["jobs"] as const,
  queryFn: ({ signal }) => apiFetch("GET /api/jobs", { signal }),
  refetchInterval: (query) => (query.state.data?.jobs.some((j) => j.state === "queued" || j.state === "running") ? 2_000 : 15_000),
});

export function useJobs() {
  return useQuery(jobsQuery);
}

export function useJob(id: string | null) {
  return useQuery({
    queryKey: ["jobs", id] as const,
    queryFn: ({ signal }) => apiFetch("GET /api/jobs/:jobId", { params: { jobId: id! }, signal }),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.job.state === "running" || query.state.data?.job.state === "queued" ? 2_000 : false),
  });
}

/** The plan (calls, ETA, what would be touched) without starting anything. */
export function usePlanJob(body: JobRequestBody | null) {
  return useQuery({
    queryKey: ["jobs", "plan", body] as const,
    queryFn: ({ signal }) => apiFetch("POST /api/jobs", { body: { ...body!, dryRun: true }, signal }),
    enabled: !!body,
    staleTime: 10_000,
  });
}

export function useStartJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: JobRequestBody) => apiFetch("POST /api/jobs", { body }),
    onSettled: () => client.invalidateQueries({ queryKey: ["jobs"] }),
  });
}

export function useJobAction(action: "cancel" | "retry") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`POST /api/jobs/:jobId/${action}`, { params: { jobId: id }, body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: ["jobs"] }),
  });
}
