"use client";

import { X } from "lucide-react";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { Skeleton } from "@/components/ui/skeleton";
import { formatRelative, formatUtc } from "@/lib/format";
import { useAccountSessions, useEndSession } from "./use-account-sessions";

/** The account's open sessions as menu items; choosing one ends it. Loaded when the menu opens. */
export function SessionMenuItems({ enabled }: { enabled: boolean }) {
  const { data, error, isPending } = useAccountSessions(enabled);
  const end = useEndSession();
  if (isPending) return <Skeleton className="mx-2 my-1 h-10" aria-label="Loading sessions" />;
  if (error) return <p className="px-2 py-1.5 text-xs text-destructive">Could not load your sessions. Close the menu and open it again.</p>;
  return data.sessions.map((s) => {
    const where = `${s.browser}${s.clientIp ? ` from ${s.clientIp}` : ""}`;
    return (
      <DropdownMenuItem
        key={s.id}
        aria-label={`End session: ${where}${s.current ? " (this browser)" : ""}, started ${formatRelative(s.startedAt)}, last seen ${formatRelative(s.lastSeenAt)}`}
        disabled={end.isPending}
        onSelect={(e) => {
          e.preventDefault();
          end.mutate(s);
        }}
        className="items-start"
        data-testid="session-item"
      >
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-1.5 text-sm">
            <span className="truncate">{where}</span>
            {s.current && <span className="shrink-0 rounded bg-muted px-1 text-xs text-muted-foreground">This browser</span>}
          </div>
          <div className="text-xs text-muted-foreground" title={`Started ${formatUtc(s.startedAt)}, last seen ${formatUtc(s.lastSeenAt)}`}>
            Started {formatRelative(s.startedAt)} · seen {formatRelative(s.lastSeenAt)}
          </div>
        </div>
        <X aria-hidden className="mt-0.5" />
      </DropdownMenuItem>
    );
  });
}
