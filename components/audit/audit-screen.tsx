"use client";

import { Download } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { resolveRoute } from "@/lib/api-client";
import { AuditFilters, filterToParams, paramsToFilter } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { ChainBadge } from "./chain-badge";
import { useAuditEvents } from "./use-audit-events";

/**
 * /audit: the account's ledger. The filter lives in the URL (shareable, survives a
 * reload); the table and Export CSV read the same parameters, so the file holds
 * exactly the rows the filter shows.
 */
export function AuditScreen() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const filter = paramsToFilter(new URLSearchParams(search.toString()));
  const query = filterToParams(filter).toString();
  const events = useAuditEvents(query);
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const nextPageError = events.isFetchNextPageError ? events.error : null;

  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="audit-heading" className="text-xl font-semibold tracking-tight">
          Audit log
        </h1>
        <ChainBadge />
        <Button asChild variant="outline" size="sm" className="ml-auto">
          <a href={`${resolveRoute("GET /api/audit/export", undefined).path}${query ? `?${query}` : ""}`} download>
            <Download aria-hidden />
            Export CSV
          </a>
        </Button>
      </div>
      <p className="text-sm text-muted-foreground">
        Every sign-in, portfolio and token change made through this console, and every token found that was created outside it — kept
        after eToro forgets a revoked token.
      </p>
      <AuditFilters key={query} value={filter} onApply={(v) => router.replace(`${pathname}?${filterToParams(v)}`, { scroll: false })} />

      {events.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading audit events">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : events.isError ? (
        <ErrorBlock title="The audit log could not be loaded" error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
          {query ? "No events match these filters. Widen them or press Clear." : "No events yet. Sign-ins, mints, changes and revokes will appear here."}
        </p>
      ) : (
        <>
          <p className="text-sm text-muted-foreground" role="status">
            Showing {rows.length.toLocaleString("en-US")} event{rows.length === 1 ? "" : "s"}
            {events.hasNextPage ? " (more below)" : ""}.
          </p>
          <AuditTable events={rows} />
          {events.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="outline" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
          {nextPageError && <ErrorBlock title="The next page could not be loaded" error={nextPageError} />}
        </>
      )}
    </section>
  );
}
