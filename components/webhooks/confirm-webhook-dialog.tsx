"use client";

import { ErrorBlock } from "@/components/common/error-block";
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

export type WebhookAction = "delete" | "roll";

const WORDS: Record<WebhookAction, { title: string; body: string; confirm: string; busy: string; failed: string }> = {
  delete: {
    title: "Delete this webhook?",
    body: "The console stops sending to it at once and forgets its deliveries. Your receiver keeps what it already got.",
    confirm: "Delete webhook",
    busy: "Deleting…",
    failed: "The webhook was not deleted",
  },
  roll: {
    title: "Roll the signing secret?",
    body: "A new secret signs every delivery from now on; your receiver must use it, since the old one stops matching at once. The new secret is shown once.",
    confirm: "Roll secret",
    busy: "Rolling…",
    failed: "The secret was not rolled",
  },
};

/** Confirms Delete or Roll secret for one endpoint; `onConfirm` runs it and the parent closes the dialog when it is done. */
export function ConfirmWebhookDialog({
  action,
  urlHint,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  action: WebhookAction | null;
  urlHint: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const words = action ? WORDS[action] : null;
  return (
    <AlertDialog open={action !== null} onOpenChange={(open) => !open && !pending && onCancel()}>
      {words && (
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{words.title}</AlertDialogTitle>
            <AlertDialogDescription>
              <span className="font-mono break-all">{urlHint}</span>: {words.body}
            </AlertDialogDescription>
          </AlertDialogHeader>
          {error ? <ErrorBlock title={words.failed} error={error} /> : null}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="button" variant={action === "delete" ? "destructive" : "default"} disabled={pending} onClick={onConfirm}>
              {pending ? words.busy : words.confirm}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      )}
    </AlertDialog>
  );
}
