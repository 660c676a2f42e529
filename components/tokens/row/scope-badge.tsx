import { Badge } from "@/components/ui/badge";
import { describeScope } from "@/lib/domain/scopes";
import { cn } from "@/lib/utils";

/** A scope with its risk at a glance: real-money trading loud, real-money read amber, demo quiet. */
export function ScopeBadge({ name }: { name: string }) {
  const scope = describeScope(name);
  const tone =
    scope.account === "real" && scope.access === "write"
      ? "border-transparent bg-destructive text-white dark:bg-destructive/60"
      : scope.account === "real"
        ? "border-transparent bg-warning text-warning-foreground"
        : "text-muted-foreground";
  return (
    <Badge variant="outline" className={cn("font-normal", tone)} title={`${scope.name}: ${scope.description}`}>
      {scope.label}
    </Badge>
  );
}
