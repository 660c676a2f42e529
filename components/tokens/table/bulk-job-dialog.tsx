"use client";

import { useState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ErrorBlock } from "@/components/common/error-block";
import { etaWords, jobNoun } from "@/components/jobs/eta-words";
import { usePlanJob, useStartJob, type JobRequestBody } from "@/components/jobs/use-jobs";

export type BulkJobAsk = {
  request: JobRequestBody;
  title: string;
  /** What happens, in plain words (the consequence). */
  consequence: string;
  action: string;
  /** When set, this exact text must be typed to confirm. */
  confirmPhrase?: string;
  /** Show the names of what would be touched (Fastest stop lists what would be deleted). */
  listTargets?: boolean;
};

/** Targets listed in the dialog before the list says "and N more". */
const LISTED = 200;

/**
 * Confirms a bulk job: how many calls, how long, what the server keeps meanwhile
 * (the key-custody sentence), and for the drastic ones a typed confirmation.
 */
export function BulkJobDialog({ ask, onClose, onStarted }: { ask: BulkJobAsk | null; onClose: () => void; onStarted?: () => void }) {
  const plan = usePlanJob(ask?.request ?? null);
  const start = useStartJob();
  const [typed, setTyped] = useState("");
  const p = plan.data?.plan;
  const needsPhrase = !!ask?.confirmPhrase && typed.trim() !== ask.confirmPhrase;
  const finish = () => {
    setTyped("");
    start.reset();
    onClose();
  };
  const close = () => {
    if (!start.isPending) finish();
  };

  return (
    <AlertDialog open={!!ask} onOpenChange={(open) => !open && close()}>
      <AlertDialogContent className="max-h-[90vh] overflow-y-auto">
        <AlertDialogHeader>
          <AlertDialogTitle>{ask?.title}</AlertDialogTitle>
          <AlertDialogDescription>{ask?.consequence}</AlertDialogDescription>
        </AlertDialogHeader>
        {plan.isPending && ask && <p className="text-sm text-muted-foreground">Working out the calls…</p>}
        {plan.error && <ErrorBlock title="Could not plan this job" error={plan.error} onRetry={() => plan.refetch()} />}
        {p && ask && (
          <div className="space-y-3 text-sm">
            <p data-testid="job-plan">
              <strong>{jobNoun(ask.request.kind, p.calls)}</strong>: {p.calls.toLocaleString("en-US")} call{p.calls === 1 ? "" : "s"} to eToro at{" "}
              {p.callsPerMinute} a minute, {etaWords(p.etaSeconds)}.
            </p>
            {p.skipped.length > 0 && <p className="text-muted-foreground">{p.skipped.length} left out: {p.skipped[0].reason}</p>}
            <p className="rounded-md border bg-muted/50 p-3">
              So the job can finish after you close this tab, the server keeps your user key sealed with its secret, in this job only, for{" "}
              {etaWords(p.etaSeconds)}, and erases it the moment the job ends or is cancelled.
            </p>
            {ask.listTargets && p.targets.length > 0 && (
              <div>
                <p className="font-medium">What would be deleted:</p>
                <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5" aria-label="What would be deleted">
                  {p.targets.slice(0, LISTED).map((t) => (
                    <li key={t.tokenId ?? t.portfolioId}>{t.tokenName ? `${t.tokenName} · ${t.portfolioName}` : t.portfolioName}</li>
                  ))}
                </ul>
                {p.calls > LISTED && <p className="text-muted-foreground">…and {(p.calls - LISTED).toLocaleString("en-US")} more.</p>}
              </div>
            )}
            {ask.confirmPhrase && (
              <div className="space-y-1">
                <Label htmlFor="bulk-confirm">
                  Type <span className="font-mono">{ask.confirmPhrase}</span> to confirm
                </Label>
                <Input id="bulk-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
              </div>
            )}
          </div>
        )}
        {start.error && <ErrorBlock title="The job did not start" error={start.error} />}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={start.isPending}>Cancel</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={!p || p.calls === 0 || needsPhrase || start.isPending}
            onClick={() =>
              ask &&
              start.mutate(ask.confirmPhrase ? { ...ask.request, confirm: typed.trim() } : ask.request, {
                onSuccess: () => {
                  onStarted?.();
                  finish();
                },
              })
            }
          >
            {start.isPending ? "Starting…" : ask?.action}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
