import { Badge } from "@/components/ui/badge";
import type { RiskFlag, RiskLevel, TokenStatus } from "@/lib/domain/token-status";
import { FLAG_SENTENCES, riskBadgeText, STATUS_TEXT } from "@/lib/domain/token-words";
import { cn } from "@/lib/utils";

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

/** The risk level and why, in words on the badge itself ("High risk: real money, any IP"); none for low risk. */
export function RiskBadge({ risk }: { risk: { level: RiskLevel; flags: RiskFlag[] } }) {
  const text = riskBadgeText(risk);
  if (!text) return null;
  return (
    <Badge
      variant="outline"
      title={`This token ${risk.flags.map((f) => FLAG_SENTENCES[f]).join(", ")}.`}
      // Long reasons wrap on a phone instead of running off the card.
      className={cn("rounded-md text-left whitespace-normal", risk.level === "high" ? "border-destructive text-destructive" : "border-warning text-foreground")}
    >
      {text}
    </Badge>
  );
}
