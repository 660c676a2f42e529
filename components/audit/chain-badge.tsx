"use client";

import { ShieldAlert, ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { formatUtc } from "@/lib/format";
import { useChainStatus } from "./use-audit-events";

/** The hash chain's state: verified (every event links and matches its hash) or broken. */
export function ChainBadge() {
  const { data, isPending, isError } = useChainStatus();
  if (isPending) return <Skeleton className="h-6 w-28" aria-label="Checking the ledger's chain" />;
  if (isError) {
    return (
      <Badge variant="outline" className="text-muted-foreground" title="The chain could not be checked right now.">
        Chain not checked
      </Badge>
    );
  }
  const checked = `checked ${formatUtc(data.checkedAt)}; whole chain walked ${formatUtc(data.fullCheckAt)}`;
  return data.state === "verified" ? (
    <Badge variant="outline" className="gap-1 border-emerald-600/40 text-emerald-700 dark:text-emerald-400" title={`Every event links to the one before and matches its hash (${checked}).`} data-testid="chain-badge">
      <ShieldCheck aria-hidden />
      Chain verified
    </Badge>
  ) : (
    <Badge variant="destructive" className="gap-1" title={`An event was altered, removed or inserted. Run npm run ledger:verify to find it (${checked}).`} data-testid="chain-badge">
      <ShieldAlert aria-hidden />
      Chain broken
    </Badge>
  );
}
