"use client";

import { BellRing } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/utils";
import { usePendingCount } from "./use-approvals";

/** In the header on every page: how many orders wait for a decision, a link to them. */
export function ApprovalsBadge() {
  const { data: pending } = usePendingCount();
  const waiting = pending ?? 0;
  const name = pending === undefined ? "Approvals" : `Approvals, ${waiting === 0 ? "none" : waiting} pending`;
  return (
    <Link
      href="/approvals"
      aria-label={name}
      title={name}
      className={cn(
        "relative inline-flex h-9 items-center gap-1.5 rounded-md px-2 text-sm text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
        waiting > 0 && "text-foreground",
      )}
    >
      <BellRing aria-hidden className="size-4" />
      <span className="hidden md:inline">Approvals</span>
      {waiting > 0 && (
        <span aria-hidden className="min-w-5 rounded-full bg-destructive px-1.5 text-center text-xs leading-5 font-semibold text-white tabular-nums dark:bg-destructive/80">
          {waiting > 99 ? "99+" : waiting}
        </span>
      )}
    </Link>
  );
}
