"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { JobItemState } from "@/lib/jobs/types";
import { cn } from "@/lib/utils";
import { jobTitle } from "./eta-words";
import { useJob } from "./use-jobs";

const STATE_WORDS: Record<JobItemState, string> = { pending: "Waiting", done: "Done", failed: "Failed", skipped: "Skipped" };

/** Per-item results of a job: what was done, what failed and why (with the request id). */
export function JobResultsDialog({ jobId, onClose }: { jobId: string | null; onClose: () => void }) {
  const { data, isPending, error } = useJob(jobId);
  const job = data?.job;
  return (
    <Dialog open={!!jobId} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[85vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{job ? `${jobTitle(job.kind)}: results` : "Job results"}</DialogTitle>
          <DialogDescription>
            {job
              ? `${job.done} done, ${job.failed} failed, ${job.skipped} skipped, ${job.left} left.`
              : isPending
                ? "Loading…"
                : error
                  ? "Could not load the results. Try again."
                  : null}
          </DialogDescription>
        </DialogHeader>
        {job?.items && (
          <ul className="divide-y rounded-md border text-sm" aria-label="Results per item">
            {job.items.map((item) => (
              <li key={item.position} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
                <span className="min-w-0 flex-1 break-words">
                  <span className="font-medium">{item.tokenName ?? item.portfolioName}</span>
                  {item.tokenName && <span className="text-muted-foreground"> · {item.portfolioName}</span>}
                </span>
                <span className={cn("font-medium", item.state === "failed" && "text-destructive")}>{STATE_WORDS[item.state]}</span>
                {item.reason && <span className="w-full text-muted-foreground">{item.reason}</span>}
                {item.state === "failed" && item.requestId && <span className="w-full font-mono text-xs text-muted-foreground">Request id: {item.requestId}</span>}
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
