"use client";

import { RotateCw } from "lucide-react";
import { ErrorBlock } from "@/components/common/error-block";
import { RelativeTime } from "@/components/common/relative-time";
import { toast } from "@/components/common/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { WebhookDeliveryView } from "@/lib/webhooks/types";
import { eventLabel } from "./event-words";
import { useDeliveries, useSendAgain } from "./use-webhooks";

const STATE_WORDS: Record<WebhookDeliveryView["state"], string> = { pending: "Waiting", delivered: "Delivered", failed: "Failed" };

function StateBadge({ state }: { state: WebhookDeliveryView["state"] }) {
  const variant = state === "failed" ? "destructive" : state === "delivered" ? "secondary" : "outline";
  return <Badge variant={variant}>{STATE_WORDS[state]}</Badge>;
}

function Outcome({ delivery }: { delivery: WebhookDeliveryView }) {
  if (delivery.state === "delivered") return <span className="text-muted-foreground">HTTP {delivery.lastStatus}</span>;
  if (!delivery.lastError) return <span className="text-muted-foreground">Not tried yet</span>;
  return <span className="break-words">{delivery.lastError}</span>;
}

/** An endpoint's recent deliveries with their state, attempts, next retry and last error, and Send again. */
export function DeliveriesTable({ endpointId }: { endpointId: string }) {
  const deliveries = useDeliveries(endpointId);
  const sendAgain = useSendAgain(endpointId);
  if (deliveries.isPending) return <Skeleton className="h-16 w-full" aria-label="Loading deliveries" />;
  if (deliveries.isError) return <ErrorBlock title="Could not load the deliveries" error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  const rows = deliveries.data.deliveries;
  if (rows.length === 0) {
    return <p className="text-sm text-muted-foreground">No deliveries yet. Send a test event to check that the receiver gets it.</p>;
  }
  return (
    <Table aria-label="Recent deliveries">
      <TableHeader>
        <TableRow>
          <TableHead>Event</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Attempts</TableHead>
          <TableHead className="hidden md:table-cell">Next retry</TableHead>
          <TableHead className="hidden sm:table-cell">Last answer</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((d) => (
          <TableRow key={d.id} data-testid={`delivery-${d.id}`}>
            <TableCell className="whitespace-normal">
              <div>{eventLabel(d.eventType)}</div>
              <div className="text-xs text-muted-foreground">
                <RelativeTime iso={d.createdAt} />
              </div>
            </TableCell>
            <TableCell className="whitespace-normal">
              <StateBadge state={d.state} />
              <div className="mt-1 text-xs sm:hidden">
                <Outcome delivery={d} />
              </div>
            </TableCell>
            <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
            <TableCell className="hidden md:table-cell">{d.nextAttemptAt ? <RelativeTime iso={d.nextAttemptAt} /> : "—"}</TableCell>
            <TableCell className="hidden max-w-xs whitespace-normal text-sm sm:table-cell">
              <Outcome delivery={d} />
            </TableCell>
            <TableCell className="text-right">
              <Button
                type="button"
                variant="outline"
                size="sm"
                aria-label={`Send again: ${eventLabel(d.eventType)}`}
                disabled={sendAgain.isPending && sendAgain.variables === d.id}
                onClick={() =>
                  sendAgain.mutate(d.id, {
                    onSuccess: () => toast.success("Sending again with the same webhook-id."),
                    onError: (e) => toast.error(e.message),
                  })
                }
              >
                <RotateCw aria-hidden />
                <span className="hidden sm:inline">Send again</span>
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
