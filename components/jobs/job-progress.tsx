"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import type { JobView } from "@/lib/jobs/types";
import { etaWords, jobTitle } from "./eta-words";
import { JobResultsDialog } from "./lazy-job-results-dialog";
import { useJobAction, useJobs } from "./use-jobs";

/** Ended jobs stay on screen this long unless dismissed (dismissals live in localStorage, so they survive reloads). */
const SHOW_ENDED_MS = 30 * 60 * 1000;
const DISMISSED_KEY = "apc.jobs.dismissed";

function readDismissed(): string {
  try {
    return localStorage.getItem(DISMISSED_KEY) ?? "[]";
  } catch {
    return "[]";
  }
}
const listeners = new Set<() => void>();
function subscribe(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
function dismiss(id: string) {
  const ids = (JSON.parse(readDismissed()) as string[]).slice(-50);
  localStorage.setItem(DISMISSED_KEY, JSON.stringify([...ids, id]));
  listeners.forEach((fn) => fn());
}

const isActive = (j: JobView) => j.state === "queued" || j.state === "running";

/**
 * Every page of the console: the account's bulk jobs while they run (done, failed,
 * left, ETA, Cancel), then their outcome (results, Retry failed) until dismissed.
 * Reads the server, so it survives a reload, a closed tab and another instance.
 */
export function JobProgress() {
  const client = useQueryClient();
  const { data, dataUpdatedAt } = useJobs();
  const dismissed = useSyncExternalStore(subscribe, readDismissed, () => "[]");
  const [resultsFor, setResultsFor] = useState<string | null>(null);
  const cancel = useJobAction("cancel");
  const retry = useJobAction("retry");
  const endedBefore = useRef<Set<string> | null>(null);

  // A job that ended since the last poll changed the account's tokens: reload the lists. Judged by
  // its end, not by having seen it run: a short job (a retry of two tokens) can start and end
  // between two polls.
  useEffect(() => {
    if (!data) return;
    const ended = new Set(data.jobs.filter((j) => !isActive(j) && j.endedAt).map((j) => `${j.id}@${j.endedAt}`));
    const before = endedBefore.current;
    if (before && [...ended].some((key) => !before.has(key))) void client.invalidateQueries({ queryKey: ["portfolios"] });
    endedBefore.current = ended;
  }, [data, client]);

  // The time of the last poll, not of this render: keeps rendering pure.
  const now = dataUpdatedAt;
  const hidden = new Set(JSON.parse(dismissed) as string[]);
  const shown = (data?.jobs ?? []).filter(
    (j) => isActive(j) || (!hidden.has(j.id) && j.endedAt && now - Date.parse(j.endedAt) < SHOW_ENDED_MS),
  );
  if (shown.length === 0) return <JobResultsDialog jobId={resultsFor} onClose={() => setResultsFor(null)} />;

  return (
    <section aria-label="Background jobs" className="border-b bg-muted/40">
      <ul className="mx-auto flex w-full max-w-6xl flex-col gap-2 px-4 py-2 sm:px-6">
        {shown.map((job) => {
          const settled = job.done + job.failed + job.skipped;
          const percent = job.total ? Math.round((settled / job.total) * 100) : 100;
          const title = jobTitle(job.kind);
          return (
            <li key={job.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" aria-label={`Job: ${title}`}>
              <p role="status" className="min-w-0 flex-1">
                <span className="font-medium">{isActive(job) ? title : `${title} ${job.state === "cancelled" ? "cancelled" : "finished"}`}</span>
                {": "}
                {job.done} done · {job.failed} failed · {job.left} left
                {isActive(job) && job.left > 0 && ` · ${etaWords(job.etaSeconds)} to go`}
              </p>
              <div
                className="order-last h-1.5 w-full overflow-hidden rounded-full bg-muted"
                role="progressbar"
                aria-label={`${title} progress`}
                aria-valuenow={percent}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <div className={job.failed ? "h-full bg-destructive" : "h-full bg-primary"} style={{ width: `${percent}%` }} />
              </div>
              {isActive(job) ? (
                <Button size="sm" variant="outline" disabled={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
                  Cancel
                </Button>
              ) : (
                <>
                  <Button size="sm" variant="outline" onClick={() => setResultsFor(job.id)} onPointerEnter={JobResultsDialog.preload} onFocus={JobResultsDialog.preload}>
                    Show results
                  </Button>
                  {job.failed > 0 && (
                    <Button size="sm" disabled={retry.isPending} onClick={() => retry.mutate(job.id)}>
                      Retry failed
                    </Button>
                  )}
                  <Button size="sm" variant="ghost" onClick={() => dismiss(job.id)}>
                    Dismiss
                  </Button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {(cancel.error || retry.error) && (
        <p role="alert" className="mx-auto max-w-6xl px-4 pb-2 text-sm text-destructive sm:px-6">
          {(cancel.error ?? retry.error)?.message}
        </p>
      )}
      <JobResultsDialog jobId={resultsFor} onClose={() => setResultsFor(null)} />
    </section>
  );
}
