"use client";

import { lazy, Suspense, useState } from "react";
import { formatRelative, formatUtc } from "@/lib/format";
import { useNow } from "./use-now";

const TimeTooltip = lazy(() => import("./time-tooltip").then((m) => ({ default: m.TimeTooltip })));

/**
 * "in 6 days", with the exact UTC instant on hover. Not a tab stop (a list of
 * tokens would otherwise cost two Tabs a row): screen readers get the instant
 * as text instead. The tooltip's code loads on the first hover of this time.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const [hovered, setHovered] = useState(false);
  const [open, setOpen] = useState(false);
  const now = useNow();
  const utc = formatUtc(iso);
  const time = (
    <time
      dateTime={iso}
      className={className}
      onPointerEnter={() => {
        setHovered(true);
        setOpen(true);
      }}
      onPointerLeave={() => setOpen(false)}
    >
      {formatRelative(iso, now)}
      <span className="sr-only"> ({utc})</span>
    </time>
  );
  if (!hovered) return time;
  return (
    <Suspense fallback={time}>
      <TimeTooltip utc={utc} open={open} onOpenChange={setOpen}>
        {time}
      </TimeTooltip>
    </Suspense>
  );
}
