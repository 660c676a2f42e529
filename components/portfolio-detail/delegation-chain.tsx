import { ChevronRight } from "lucide-react";
import type { TokenView } from "@/lib/domain/types";

/**
 * Who delegated what to whom, left to right: your account → this portfolio → the
 * token → the application eToro reports using it (if any yet).
 */
export function DelegationChain({ portfolioName, token }: { portfolioName: string; token: TokenView }) {
  const app = token.externalApplicationName ?? (token.clientId ? `client ${token.clientId}` : null);
  const steps = ["Your account", portfolioName, token.userTokenName, app ?? "no application reported yet"];
  return (
    <ol className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground" aria-label={`Delegation of ${token.userTokenName}`}>
      {steps.map((step, i) => (
        <li key={i} className="flex items-center gap-1">
          {i > 0 && <ChevronRight aria-hidden className="size-3" />}
          <span className={i === steps.length - 1 && !app ? "italic" : "text-foreground"}>{step}</span>
        </li>
      ))}
    </ol>
  );
}
