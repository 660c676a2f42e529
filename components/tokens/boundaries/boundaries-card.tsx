"use client";

import { ShieldCheck } from "lucide-react";
import { FieldWarning } from "@/components/common/field-warning";
import { useInstrumentNames } from "@/components/common/use-instruments";
import { Card } from "@/components/ui/card";
import { boundaryLines, GATEWAY_ONLY_NOTE } from "@/lib/domain/boundary-words";
import { hasBoundaries, type BudgetUse } from "@/lib/domain/token-boundaries";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { BudgetBar } from "./budget-bar";

/**
 * The token view's boundaries: each in words, each budget's use this UTC day and
 * week, and whether they bind at all (only a gateway-only token is held to them).
 */
export function BoundariesCard({ boundaries, budget, gatewayOnly }: { boundaries: TokenBoundaries | null; budget: BudgetUse | null; gatewayOnly: boolean | null }) {
  const names = useInstrumentNames(boundaries ? [...boundaries.instrumentsAllowed, ...boundaries.instrumentsRefused] : []);
  return (
    <Card className="gap-3 p-4" role="region" aria-labelledby="token-boundaries-heading">
      <h2 id="token-boundaries-heading" className="flex items-center gap-2 font-medium">
        <ShieldCheck aria-hidden className="size-4" />
        Boundaries
      </h2>
      {boundaries === null ? (
        <p className="text-sm text-muted-foreground">
          The console&apos;s gateway does not know this token, so no boundary holds it. Roll it from its portfolio to get one the gateway
          knows, then set boundaries in Edit.
        </p>
      ) : (
        <>
          <ul className="list-disc space-y-0.5 pl-5 text-sm">
            {boundaryLines(boundaries, (id) => names.get(id) ?? `#${id}`).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {budget?.day && <BudgetBar use={budget.day} period="day" />}
          {budget?.week && <BudgetBar use={budget.week} period="week" />}
          <p className="text-xs text-muted-foreground">
            {GATEWAY_ONLY_NOTE} Change them with Edit on the token&apos;s portfolio.
          </p>
          {hasBoundaries(boundaries) && gatewayOnly !== true && (
            <FieldWarning>This token can go around the gateway, so these boundaries do not bind calls made straight to eToro.</FieldWarning>
          )}
        </>
      )}
    </Card>
  );
}
