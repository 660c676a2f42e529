import type { BudgetPeriodUse } from "@/lib/domain/token-boundaries";
import { usdCents, usdCentsShort } from "@/lib/domain/boundary-words";
import { cn } from "@/lib/utils";

/** Used share of a budget as a whole percentage, 0–100. */
export function usedPercent(use: BudgetPeriodUse): number {
  return use.limitCents <= 0 ? 100 : Math.min(100, Math.round((use.usedCents / use.limitCents) * 100));
}

/** "$120.00 used of $500.00 today (UTC) · $380.00 left": the words a budget's bar stands for. */
export function budgetWords(use: BudgetPeriodUse, period: "day" | "week"): string {
  const when = period === "day" ? "today (UTC)" : "this week (UTC)";
  return `${usdCents(use.usedCents)} used of ${usdCents(use.limitCents)} ${when}, ${usdCents(use.leftCents)} left`;
}

/**
 * A budget's use as a small bar with its words: a meter for assistive technology,
 * amber from 80 %, red when spent. `compact` for a table cell.
 */
export function BudgetBar({ use, period, compact = false }: { use: BudgetPeriodUse; period: "day" | "week"; compact?: boolean }) {
  const percent = usedPercent(use);
  const words = budgetWords(use, period);
  return (
    <div className={cn("min-w-0", compact ? "space-y-0.5" : "space-y-1")}>
      {compact ? (
        <p className="text-xs whitespace-nowrap text-muted-foreground">
          {usdCentsShort(use.usedCents)} / {usdCentsShort(use.limitCents)} {period === "day" ? "today" : "this week"}
        </p>
      ) : (
        <p className="flex flex-wrap justify-between gap-x-3 text-sm">
          <span>
            <span className="font-medium">{period === "day" ? "Today (UTC)" : "This week (UTC)"}: </span>
            {usdCents(use.usedCents)} used of {usdCents(use.limitCents)}
          </span>
          <span className="text-muted-foreground">{usdCents(use.leftCents)} left</span>
        </p>
      )}
      <div
        role="meter"
        aria-label={words}
        aria-valuemin={0}
        aria-valuemax={use.limitCents / 100}
        aria-valuenow={Math.min(use.usedCents, use.limitCents) / 100}
        aria-valuetext={words}
        className={cn("overflow-hidden rounded-full bg-muted", compact ? "h-1.5 w-28" : "h-2 w-full")}
      >
        <div
          className={cn("h-full rounded-full", percent >= 100 ? "bg-destructive" : percent >= 80 ? "bg-warning" : "bg-primary")}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
