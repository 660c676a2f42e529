"use client";

import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LedgerEventDto } from "@/lib/ledger/queries";
import { actionLabel, OUTCOME_LABELS } from "./action-labels";
import { ChangeCell } from "./change-cell";

function Outcome({ event }: { event: LedgerEventDto }) {
  const label = OUTCOME_LABELS[event.outcome];
  if (event.outcome === "ok") return <Badge variant="outline">{label}</Badge>;
  return (
    <Badge variant={event.outcome === "error" ? "destructive" : "secondary"} title={event.errorCode ?? undefined}>
      {label}
      {event.errorCode ? `: ${event.errorCode}` : ""}
    </Badge>
  );
}

/** The ledger's events, one row each, newest first. */
export function AuditTable({ events }: { events: LedgerEventDto[] }) {
  return (
    <Table aria-label="Audit events" className="text-xs sm:text-sm">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Portfolio</TableHead>
          <TableHead>Token</TableHead>
          <TableHead>Before → after</TableHead>
          <TableHead>Client IP</TableHead>
          <TableHead>Request id</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((e) => (
          <TableRow key={e.id} data-testid="audit-event" data-event-id={e.id} className="align-top">
            <TableCell className="whitespace-nowrap">
              <RelativeTime iso={e.at} />
            </TableCell>
            <TableCell className="whitespace-nowrap">{actionLabel(e.action)}</TableCell>
            <TableCell>
              <Outcome event={e} />
            </TableCell>
            <TableCell className="max-w-40 truncate" title={e.portfolioId ?? undefined}>
              {e.portfolioId && e.action !== "portfolio.delete" ? (
                <Link href={`/portfolios/${e.portfolioId}`} className="underline-offset-4 hover:underline">
                  {e.portfolioName ?? e.portfolioId.slice(0, 8)}
                </Link>
              ) : (
                (e.portfolioName ?? "—")
              )}
            </TableCell>
            <TableCell className="max-w-40 truncate" title={e.tokenId ?? undefined}>
              {e.tokenName ?? (e.tokenId ? e.tokenId.slice(0, 8) : "—")}
            </TableCell>
            <TableCell className="min-w-56 whitespace-normal">
              <ChangeCell before={e.before} after={e.after} />
            </TableCell>
            <TableCell className="font-mono whitespace-nowrap">{e.clientIp ?? "—"}</TableCell>
            <TableCell className="font-mono text-xs whitespace-nowrap">{e.requestId ?? "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
