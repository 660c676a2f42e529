"use client";

import type { ReactElement } from "react";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

/** RelativeTime's hover card, loaded on the first hover (Radix tooltip and its positioning are not first-load code). */
export function TimeTooltip({ utc, open, onOpenChange, children }: { utc: string; open: boolean; onOpenChange: (open: boolean) => void; children: ReactElement }) {
  return (
    <Tooltip open={open} onOpenChange={onOpenChange}>
      <TooltipTrigger asChild>{children}</TooltipTrigger>
      <TooltipContent>{utc}</TooltipContent>
    </Tooltip>
  );
}
