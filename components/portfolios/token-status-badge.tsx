import { Badge } from "@/components/ui/badge";
import type { RiskLevel, TokenStatus } from "@/lib/domain/token-status";
import { cn } from "@/lib/utils";

const STATUS_TEXT: Record<TokenStatus, string> = { active: "Active", expiring: "Expiring soon", expired: "Expired" };

export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return (
    <Badge
      variant="outline"
      className={cn(
        status === "expiring" && "border-transparent bg-warning text-warning-foreground",
        status === "expired" && "text-muted-foreground line-through decoration-1",
      )}
    >
      {STATUS_TEXT[status]}
    </Badge>
  );
}

const RISK_TEXT: Record<RiskLevel, string> = { high: "High risk", medium: "Medium risk", low: "Low risk" };

export function RiskBadge({ level, reasons }: { level: RiskLevel; reasons: string[] }) {
  if (level === "low") return null;
  return (
    <Badge
      variant="outline"
      title={reasons.join(", ")}
      className={cn(level === "high" ? "border-destructive text-destructive" : "border-warning text-foreground")}
    >
      {RISK_TEXT[level]}
    </Badge>
  );
}
