"use client";

import { actionLabel } from "@/components/audit/action-labels";
import { ChangeCell } from "@/components/audit/change-cell";
import { useAuditEvents } from "@/components/audit/use-audit-events";
import { ErrorBlock } from "@/components/common/error-block";
import { RelativeTime } from "@/components/common/relative-time";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

/** The portfolio's history from the ledger, newest first, a page at a time. */
export function PortfolioTimeline({ portfolioId }: { portfolioId: string }) {
  const events = useAuditEvents(new URLSearchParams({ portfolio: portfolioId }).toString());
  if (events.isPending) return <Skeleton className="h-24 w-full" aria-label="Loading the timeline" />;
  if (events.isError) return <ErrorBlock title="The timeline could not be loaded" error={events.error} onRetry={() => void events.refetch()} />;
  const rows = events.data.pages.flatMap((p) => p.events);
  if (!rows.length) return <p className="px-4 py-3 text-sm text-muted-foreground">Nothing recorded for this portfolio yet.</p>;
  return (
    <div>
      <ol className="divide-y" aria-label="Timeline">
        {rows.map((e) => (
          <li key={e.id} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]" data-testid="timeline-event">
            <RelativeTime iso={e.at} className="text-muted-foreground" />
            <div className="min-w-0 space-y-1">
              <p>
                <span className="font-medium">{actionLabel(e.action)}</span>
                {e.tokenName ? ` · ${e.tokenName}` : ""}
                {e.outcome !== "ok" ? <span className="text-destructive"> · {e.outcome === "error" ? `failed${e.errorCode ? `: ${e.errorCode}` : ""}` : "partly done"}</span> : null}
              </p>
              <div className="text-xs">
                <ChangeCell before={e.before} after={e.after} />
              </div>
              <p className="font-mono text-xs text-muted-foreground">
                {e.clientIp ?? "—"} · request {e.requestId ?? "—"}
              </p>
            </div>
          </li>
        ))}
      </ol>
      {events.hasNextPage && (
        <div className="flex justify-center p-3">
          <Button variant="outline" size="sm" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {events.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      )}
    </div>
  );
}
