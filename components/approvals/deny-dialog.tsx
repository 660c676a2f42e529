"use client";

import { useId, useRef, useState } from "react";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { DENIAL_REASON_MAX } from "@/lib/approvals/types";
import { denySchema } from "@/lib/schemas/approval";

export type DenyTarget = { id: string; words: string };

/**
 * Deny asks why, in a few words: the agent's retry is told (403) and the ledger
 * keeps it. Loaded on first use (lazy-deny-dialog.ts).
 */
export function DenyDialog({
  target,
  pending,
  error,
  onDeny,
  onClose,
}: {
  target: DenyTarget | null;
  pending: boolean;
  error: unknown;
  onDeny: (reason: string) => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={target !== null} onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent className="sm:max-w-md">
        {/* Its own component: the reason typed for one order never carries over to the next. */}
        <DenyForm key={target?.id} words={target?.words ?? ""} pending={pending} error={error} onDeny={onDeny} onClose={onClose} />
      </DialogContent>
    </Dialog>
  );
}

function DenyForm({
  words,
  pending,
  error,
  onDeny,
  onClose,
}: {
  words: string;
  pending: boolean;
  error: unknown;
  onDeny: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = denySchema.safeParse({ reason });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "Say why.");
      // Back to the field that needs fixing, so a keyboard user types the reason at once.
      field.current?.focus();
      return;
    }
    setProblem(null);
    onDeny(parsed.data.reason);
  };
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <DialogHeader>
        <DialogTitle>Deny this order?</DialogTitle>
        <DialogDescription>The agent asked to {words}. It is not placed; the agent is told your reason when it asks again.</DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor={fieldId}>Reason</Label>
        <Textarea
          id={fieldId}
          ref={field}
          value={reason}
          maxLength={DENIAL_REASON_MAX}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Too large for this portfolio today."
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${fieldId}-problem` : undefined}
          autoFocus
        />
        {problem && (
          <p id={`${fieldId}-problem`} className="text-sm text-destructive">
            {problem}
          </p>
        )}
      </div>
      {error ? <ErrorBlock title="Could not deny the order" error={error} /> : null}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="destructive" disabled={pending}>
          {pending ? "Denying…" : "Deny order"}
        </Button>
      </DialogFooter>
    </form>
  );
}
