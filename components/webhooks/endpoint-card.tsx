"use client";

import { Pause, Play, Send } from "lucide-react";
import { useState } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import { toast } from "@/components/common/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { WebhookEndpointView, WebhookSecretResult } from "@/lib/webhooks/types";
import type { WebhookAction } from "./confirm-webhook-dialog";
import { DeliveriesTable } from "./deliveries-table";
import { EVENT_LABELS, FORMAT_LABELS } from "./event-words";
import { ConfirmWebhookDialog } from "./lazy-dialogs";
import { useDeleteWebhook, useRollSecret, useSendTest, useUpdateWebhook } from "./use-webhooks";

/** One endpoint: what it receives, pause/resume, test, roll secret, delete, and its recent deliveries. */
export function EndpointCard({ endpoint, onSecret }: { endpoint: WebhookEndpointView; onSecret: (result: WebhookSecretResult) => void }) {
  const [confirm, setConfirm] = useState<WebhookAction | null>(null);
  const update = useUpdateWebhook(endpoint.id);
  const remove = useDeleteWebhook(endpoint.id);
  const roll = useRollSecret(endpoint.id);
  const test = useSendTest(endpoint.id);
  const running = confirm === "delete" ? remove : roll;
  const name = endpoint.urlHint;

  function runConfirmed() {
    if (confirm === "delete") {
      remove.mutate(undefined, { onSuccess: () => (setConfirm(null), toast.success("Webhook deleted.")) });
    } else {
      roll.mutate(undefined, {
        onSuccess: (result) => {
          setConfirm(null);
          onSecret(result);
        },
      });
    }
  }

  return (
    <Card data-testid={`webhook-${endpoint.id}`} aria-label={`Webhook ${name}`} role="region">
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle className="font-mono text-sm break-all">{name}</CardTitle>
          <Badge variant="outline">{FORMAT_LABELS[endpoint.format]}</Badge>
          {endpoint.enabled ? <Badge variant="secondary">Active</Badge> : <Badge variant="outline">Paused</Badge>}
        </div>
        <CardDescription>
          Added <RelativeTime iso={endpoint.createdAt} />
          {endpoint.secretRolledAt && (
            <>
              {" · "}secret rolled <RelativeTime iso={endpoint.secretRolledAt} />
            </>
          )}
          {" · "}
          {endpoint.eventTypes.length === Object.keys(EVENT_LABELS).length ? "every event" : endpoint.eventTypes.map((t) => EVENT_LABELS[t]).join(", ")}
        </CardDescription>
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            size="sm"
            disabled={test.isPending}
            aria-label={`Send test event to ${name}`}
            onClick={() => test.mutate(undefined, { onSuccess: () => toast.success("Test event queued."), onError: (e) => toast.error(e.message) })}
          >
            <Send aria-hidden />
            Send test event
          </Button>
          <Button
            type="button"
            size="sm"
            variant="outline"
            disabled={update.isPending}
            aria-label={`${endpoint.enabled ? "Pause" : "Resume"} ${name}`}
            onClick={() => update.mutate({ enabled: !endpoint.enabled }, { onError: (e) => toast.error(e.message) })}
          >
            {endpoint.enabled ? <Pause aria-hidden /> : <Play aria-hidden />}
            {endpoint.enabled ? "Pause" : "Resume"}
          </Button>
          <Button type="button" size="sm" variant="outline" aria-label={`Roll secret of ${name}`} onClick={() => (roll.reset(), setConfirm("roll"))}>
            Roll secret
          </Button>
          <Button type="button" size="sm" variant="outline" className="text-destructive" aria-label={`Delete ${name}`} onClick={() => (remove.reset(), setConfirm("delete"))}>
            Delete
          </Button>
        </div>
        {!endpoint.enabled && <p className="text-sm text-muted-foreground">Paused: nothing is sent. Events that happen meanwhile are skipped; retries already waiting go out when you resume.</p>}
      </CardHeader>
      <CardContent>
        <h3 className="mb-2 text-sm font-medium">Recent deliveries</h3>
        <DeliveriesTable endpointId={endpoint.id} />
      </CardContent>
      <ConfirmWebhookDialog
        action={confirm}
        urlHint={name}
        pending={running.isPending}
        error={running.isError ? running.error : null}
        onConfirm={runConfirmed}
        onCancel={() => setConfirm(null)}
      />
    </Card>
  );
}
