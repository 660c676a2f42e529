"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { WebhookSecretResult } from "@/lib/webhooks/types";
import { EndpointCard } from "./endpoint-card";
import { AddWebhookDialog, SigningSecretDialog } from "./lazy-dialogs";
import type { ShownSecret } from "./signing-secret-dialog";
import { useWebhooks } from "./use-webhooks";

/** Settings → Webhooks: the account's endpoints, adding one, and each one's deliveries. */
export function WebhooksScreen() {
  const webhooks = useWebhooks();
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const showSecret = (rolled: boolean) => (result: WebhookSecretResult) => setShown({ secret: result.secret, urlHint: result.endpoint.urlHint, rolled });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
          <p className="max-w-prose text-sm text-muted-foreground">
            The console tells your systems (or a Slack channel) when an order waits for approval, a budget is nearly used, an order is refused, or a
            token is minted, frozen, revoked, about to expire or left unused. Each delivery is signed (Standard Webhooks) and never carries a secret.
          </p>
        </div>
        <Button type="button" onClick={() => setAdding(true)} onPointerEnter={() => AddWebhookDialog.preload()}>
          <Plus aria-hidden />
          Add webhook
        </Button>
      </div>
      {webhooks.isPending && <Skeleton className="h-40 w-full" aria-label="Loading webhooks" />}
      {webhooks.isError && <ErrorBlock title="Could not load your webhooks" error={webhooks.error} onRetry={() => void webhooks.refetch()} />}
      {webhooks.data && webhooks.data.endpoints.length === 0 && (
        <div className="rounded-lg border border-dashed p-8 text-center">
          <p className="font-medium">No webhooks yet</p>
          <p className="mt-1 text-sm text-muted-foreground">Add one with the URL of your receiver or a Slack incoming webhook, then send it a test event.</p>
        </div>
      )}
      {webhooks.data?.endpoints.map((endpoint) => <EndpointCard key={endpoint.id} endpoint={endpoint} onSecret={showSecret(true)} />)}
      <AddWebhookDialog
        open={adding}
        onOpenChange={setAdding}
        onCreated={(result) => {
          setAdding(false);
          showSecret(false)(result);
        }}
      />
      <SigningSecretDialog shown={shown} onDone={() => setShown(null)} />
    </div>
  );
}
