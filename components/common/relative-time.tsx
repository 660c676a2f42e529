"use client";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { formatRelative, formatUtc } from "@/lib/format";

/** "in 6 days", with the exact UTC instant on hover and focus. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <time dateTime={iso} className={className} tabIndex={0}>
          {formatRelative(iso)}
        </time>
      </TooltipTrigger>
      <TooltipContent>{formatUtc(iso)}</TooltipContent>
    </Tooltip>
  );
}
