import type { TokenRowView } from "@/lib/domain/token-table";
import { boundaryChips } from "@/lib/domain/boundary-words";
import { canBypassGateway } from "@/lib/domain/token-usage";
import { BudgetBar } from "./budget-bar";

/**
 * A /tokens row's boundaries: a few words each, the day's (else the week's) budget
 * as a small bar, and "not binding" when the token can go around the gateway.
 */
export function BoundariesCell({ t }: { t: Pick<TokenRowView, "boundaries" | "budget" | "gatewayOnly"> }) {
  if (t.boundaries === null) return <span className="text-muted-foreground">Not on the gateway</span>;
  const chips = boundaryChips(t.boundaries);
  if (chips.length === 0) return <span className="text-muted-foreground">None</span>;
  const budget = t.budget?.day ? { use: t.budget.day, period: "day" as const } : t.budget?.week ? { use: t.budget.week, period: "week" as const } : null;
  return (
    <div className="max-w-64 space-y-1">
      <p className="line-clamp-2 text-xs" title={chips.join(", ")}>
        {chips.join(" · ")}
      </p>
      {canBypassGateway(t) && <p className="text-xs text-amber-700 dark:text-amber-400">Not binding: can go around the gateway</p>}
      {budget && <BudgetBar use={budget.use} period={budget.period} compact />}
    </div>
  );
}
