"use client";

import { lazy, Suspense, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { OUTCOMES, type TokenUsage, type UsageBucket } from "@/lib/domain/token-usage";
import { OUTCOME_COLORS, OUTCOME_LABELS } from "./outcome-colors";

// uPlot loads with this chart only, never with another page's first load.
const UsageChartCanvas = lazy(() => import("./usage-chart-canvas"));

const when = (b: UsageBucket, unit: "hour" | "day") => (unit === "hour" ? `${b.at.slice(0, 13).replace("T", " ")}:00 UTC` : `${b.at.slice(0, 10)} (UTC)`);

/** Calls per hour (48 h) or per day (30 days), split by outcome; the same figures as a table for screen readers. */
export function UsageChart({ usage }: { usage: TokenUsage }) {
  const [unit, setUnit] = useState<"hour" | "day">("hour");
  const buckets = unit === "hour" ? usage.hourly : usage.daily;
  const busy = buckets.filter((b) => b.ok + b.failed + b.refused > 0);
  return (
    <section aria-labelledby="usage-chart-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="usage-chart-heading" className="text-base font-semibold">
          Calls by outcome
        </h2>
        <Tabs value={unit} onValueChange={(v) => setUnit(v as "hour" | "day")}>
          <TabsList aria-label="Chart period">
            <TabsTrigger value="hour">Per hour (48 h)</TabsTrigger>
            <TabsTrigger value="day">Per day (30 days)</TabsTrigger>
          </TabsList>
        </Tabs>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
        {OUTCOMES.map((o) => (
          <li key={o} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: OUTCOME_COLORS[o] }} />
            {OUTCOME_LABELS[o]}
          </li>
        ))}
      </ul>
      <Suspense fallback={<Skeleton className="h-[220px] w-full" />}>
        <UsageChartCanvas buckets={buckets} unit={unit} />
      </Suspense>
      <table className="sr-only">
        <caption>
          Calls {unit === "hour" ? "per hour, last 48 hours" : "per day, last 30 days"}, by outcome (periods with no calls left out)
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col">
                {OUTCOME_LABELS[o]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {busy.length === 0 ? (
            <tr>
              <td colSpan={4}>No calls in this period.</td>
            </tr>
          ) : (
            busy.map((b) => (
              <tr key={b.at}>
                <th scope="row">{when(b, unit)}</th>
                <td>{b.ok}</td>
                <td>{b.failed}</td>
                <td>{b.refused}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
