"use client";

import { useId, useState, type FormEvent } from "react";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { ACCOUNT_EVENT_TYPES, type AccountEventType } from "@/lib/account-events/types";
import { ApiClientError } from "@/lib/api-client";
import { createWebhookSchema } from "@/lib/schemas/webhook";
import type { WebhookFormat, WebhookSecretResult } from "@/lib/webhooks/types";
import { EVENT_LABELS, FORMAT_LABELS } from "./event-words";
import { useCreateWebhook } from "./use-webhooks";

type Props = { open: boolean; onOpenChange: (open: boolean) => void; onCreated: (result: WebhookSecretResult) => void };

/** Add webhook: the URL, the events it receives, its format. The secret is shown next, once (signing-secret-dialog.tsx). */
export function AddWebhookDialog({ open, onOpenChange, onCreated }: Props) {
  const ids = useId();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<AccountEventType[]>([...ACCOUNT_EVENT_TYPES]);
  const [format, setFormat] = useState<WebhookFormat>("standard");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const create = useCreateWebhook();

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createWebhookSchema.safeParse({ url, format, eventTypes: events });
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "url"), i.message])));
      return;
    }
    setFieldErrors({});
    create.mutate(
      { url: parsed.data.url, format: parsed.data.format, eventTypes: parsed.data.eventTypes },
      {
        onSuccess: (result) => {
          setUrl("");
          create.reset();
          onCreated(result);
        },
        onError: (error) => {
          if (error instanceof ApiClientError && error.fields) setFieldErrors(error.fields);
        },
      },
    );
  }

  const toggle = (type: AccountEventType, on: boolean) => setEvents((now) => (on ? [...now, type] : now.filter((t) => t !== type)));

  return (
    <Dialog open={open} onOpenChange={(next) => !create.isPending && onOpenChange(next)}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Add webhook</DialogTitle>
          <DialogDescription>The console sends the events you choose to this URL, signed so your receiver can check they came from here.</DialogDescription>
        </DialogHeader>
        <form id={`${ids}-form`} onSubmit={submit} className="space-y-5" noValidate>
          <div className="space-y-2">
            <Label htmlFor={`${ids}-url`}>URL</Label>
            <Input
              id={`${ids}-url`}
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://example.com/hooks/console"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-invalid={!!fieldErrors.url}
              aria-describedby={fieldErrors.url ? `${ids}-url-error` : undefined}
            />
            {fieldErrors.url && (
              <p id={`${ids}-url-error`} className="text-sm text-destructive">
                {fieldErrors.url}
              </p>
            )}
          </div>
          <fieldset className="space-y-2">
            <legend className="mb-2 text-sm font-medium">Events</legend>
            {ACCOUNT_EVENT_TYPES.map((type) => (
              <div key={type} className="flex items-start gap-2">
                <Checkbox id={`${ids}-${type}`} checked={events.includes(type)} onCheckedChange={(v) => toggle(type, v === true)} />
                <Label htmlFor={`${ids}-${type}`} className="font-normal leading-snug">
                  {EVENT_LABELS[type]} <span className="font-mono text-xs text-muted-foreground">{type}</span>
                </Label>
              </div>
            ))}
            {fieldErrors.eventTypes && <p className="text-sm text-destructive">{fieldErrors.eventTypes}</p>}
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="mb-2 text-sm font-medium">Format</legend>
            <RadioGroup value={format} onValueChange={(v) => setFormat(v as WebhookFormat)}>
              {(["standard", "slack"] as const).map((f) => (
                <div key={f} className="flex items-start gap-2">
                  <RadioGroupItem id={`${ids}-${f}`} value={f} aria-describedby={`${ids}-${f}-hint`} />
                  <div className="grid gap-0.5">
                    <Label htmlFor={`${ids}-${f}`} className="font-normal leading-snug">
                      {FORMAT_LABELS[f]}
                    </Label>
                    <p id={`${ids}-${f}-hint`} className="text-xs text-muted-foreground">
                      {f === "standard" ? "{type, timestamp, data}, for your own receiver." : "{text, blocks}: paste a Slack incoming-webhook URL; approval requests link to Approvals."}
                    </p>
                  </div>
                </div>
              ))}
            </RadioGroup>
          </fieldset>
          {create.isError && !(create.error instanceof ApiClientError && create.error.fields) && (
            <ErrorBlock title="The webhook was not added" error={create.error} />
          )}
        </form>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={`${ids}-form`} disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add webhook"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
