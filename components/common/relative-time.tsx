"use client";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { formatRelative, formatUtc } from "@/lib/format";

/**
 * "in 6 days", with the exact UTC instant on hover. Not a tab stop (a list of
 * tokens would otherwise cost two Tabs a row): screen readers get the instant
 * as text instead.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <time dateTime={iso} className={className}>
          {formatRelative(iso)}
          <span className="sr-only"> ({formatUtc(iso)})</span>
        </time>
      </TooltipTrigger>
      <TooltipContent>{formatUtc(iso)}</TooltipContent>
    </Tooltip>
  );
}
