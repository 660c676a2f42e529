"use client";

import { RelativeTime } from "@/components/common/relative-time";
import { ErrorBlock } from "@/components/common/error-block";
import { ScopeBadge } from "@/components/tokens/row/scope-badge";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDuration } from "@/lib/format";
import { useTokenHistory } from "./use-token-history";

/**
 * Tokens this portfolio no longer has: revoked here, ended with a deleted portfolio,
 * or vanished from eToro's list. eToro forgets them; the ledger keeps who made them,
 * what they could do, how long they lived and who ended them.
 */
export function EndedTokens({ portfolioId, liveTokenIds }: { portfolioId: string; liveTokenIds: ReadonlySet<string> }) {
  const history = useTokenHistory(portfolioId);
  if (history.isPending) return <Skeleton className="h-16 w-full" aria-label="Loading revoked tokens" />;
  if (history.isError) return <ErrorBlock title="Revoked tokens could not be loaded" error={history.error} onRetry={() => void history.refetch()} />;
  const ended = history.data.tokens.filter((t) => t.endedAt || !liveTokenIds.has(t.tokenId)).reverse();
  if (!ended.length) return <p className="px-4 py-3 text-sm text-muted-foreground">No revoked tokens recorded for this portfolio.</p>;
  return (
    <ul className="divide-y" aria-label="Revoked tokens">
      {ended.map((t) => (
        <li key={t.tokenId} className="space-y-1.5 px-4 py-3 text-sm" aria-label={`Revoked token ${t.tokenName ?? t.tokenId}`}>
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{t.tokenName ?? t.tokenId}</span>
            <span className="text-xs text-muted-foreground">
              {t.endedBy === "portfolio.delete" ? "ended with its portfolio" : t.endedBy ? "revoked" : "gone from eToro's list (not revoked here)"}
            </span>
          </p>
          <div className="flex flex-wrap gap-1" role="group" aria-label="Scopes it held">
            {t.scopesHeld.length ? t.scopesHeld.map((s) => <ScopeBadge key={s} name={s} />) : <span className="text-muted-foreground">No scopes recorded</span>}
          </div>
          <p className="text-xs text-muted-foreground">
            {t.origin === "console" ? "Minted here " : "Created outside this console, first seen "}
            {t.since ? <RelativeTime iso={t.since} /> : "at an unknown time"}
            {t.sinceClientIp ? ` from ${t.sinceClientIp}` : ""}
            {t.endedAt ? (
              <>
                {" · ended "}
                <RelativeTime iso={t.endedAt} />
                {t.endedClientIp ? ` from ${t.endedClientIp}` : ""}
                {t.createdAt ? ` · lived ${formatDuration(Date.parse(t.endedAt) - Date.parse(t.createdAt))}` : ""}
              </>
            ) : null}
            {t.endedRequestId ? <span className="font-mono"> · request {t.endedRequestId}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
