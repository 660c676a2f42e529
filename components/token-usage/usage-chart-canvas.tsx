"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { UsageBucket } from "@/lib/domain/token-usage";
import { OUTCOME_COLORS } from "./outcome-colors";

const HEIGHT = 220;

/**
 * The calls per bucket as stacked bars drawn by uPlot (loaded with this page only).
 * uPlot has no stacking of its own: each series is the running total of the
 * outcomes beneath it, drawn tallest first so the shorter ones sit in front.
 */
export default function UsageChartCanvas({ buckets, unit }: { buckets: UsageBucket[]; unit: "hour" | "day" }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = buckets.map((b) => Date.parse(b.at) / 1000);
    const refused = buckets.map((b) => b.refused);
    const failed = buckets.map((b) => b.refused + b.failed);
    const total = buckets.map((b) => b.refused + b.failed + b.ok);
    const ink = getComputedStyle(el).color;
    const grid = { stroke: "rgba(128,128,128,0.15)", width: 1 };
    const bars = uPlot.paths.bars!({ size: [0.8, 40] });
    const series = (label: string, color: string): uPlot.Series => ({ label, fill: color, stroke: color, width: 0, paths: bars, points: { show: false } });
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 240),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { stroke: ink, grid, ticks: grid, values: unit === "day" ? "{MMM} {D}" : "{HH}:00" },
          { stroke: ink, grid, ticks: grid, size: 44 },
        ],
        series: [{}, series("OK", OUTCOME_COLORS.ok), series("Failed", OUTCOME_COLORS.failed), series("Refused", OUTCOME_COLORS.refused)],
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      },
      [xs, total, failed, refused],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 240), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [buckets, unit]);
  return <div ref={box} aria-hidden className="w-full text-muted-foreground" data-testid="usage-chart" />;
}
