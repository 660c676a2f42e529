"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { useAuditEvents } from "@/components/audit/use-audit-events";
import { ErrorBlock } from "@/components/common/error-block";
import { RelativeTime } from "@/components/common/relative-time";
import { usePolicy } from "@/components/policy/use-policy";
import { TokenRow } from "@/components/portfolios/token-row";
import { usePortfolios } from "@/components/portfolios/use-portfolios";
import { CopyOnceDialog } from "@/components/tokens/lazy-dialogs";
import { TokenActions } from "@/components/tokens/token-actions";
import { useNow } from "@/components/common/use-now";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { policyViolations } from "@/lib/domain/policy";
import type { MintedTokenView } from "@/lib/domain/types";
import { formatUsd } from "@/lib/format";
import { DelegationChain } from "./delegation-chain";
import { EndedTokens } from "./ended-tokens";
import { PortfolioTimeline } from "./portfolio-timeline";
import { useLedgerFollowsList } from "./use-ledger-follows-list";

/** The investment the ledger recorded when this console created the portfolio, if it did. */
function useRecordedInvestment(portfolioId: string): number | null | undefined {
  const created = useAuditEvents(new URLSearchParams({ portfolio: portfolioId, action: "portfolio.create", outcome: "ok" }).toString());
  if (created.isPending) return undefined;
  const amount = created.data?.pages[0]?.events.find((e) => e.portfolioId === portfolioId)?.after?.investmentAmountInUsd;
  return typeof amount === "number" ? amount : null;
}

/**
 * /portfolios/[id]: one portfolio — its figures, its tokens each read as a delegation
 * chain, the tokens it no longer has (on request) and its timeline from the ledger.
 * A deleted portfolio still shows its history.
 */
export function PortfolioDetailScreen({ portfolioId }: { portfolioId: string }) {
  const list = usePortfolios();
  const { policy } = usePolicy();
  const now = useNow();
  useLedgerFollowsList(list.dataUpdatedAt);
  const investment = useRecordedInvestment(portfolioId);
  const [showRevoked, setShowRevoked] = useState(false);
  const [reveal, setReveal] = useState<MintedTokenView | null>(null);
  const revokedId = useId();
  const portfolio = list.data?.agentPortfolios.find((p) => p.agentPortfolioId === portfolioId);
  const name = portfolio?.agentPortfolioName ?? "Portfolio";

  return (
    <div className="space-y-6">
      <Link href="/portfolios" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        All portfolios
      </Link>

      {list.isPending ? (
        <Skeleton className="h-24 w-full" aria-label="Loading the portfolio" />
      ) : list.isError ? (
        <ErrorBlock title="The portfolio could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
      ) : !portfolio ? (
        <div className="space-y-1">
          <h1 className="text-xl font-semibold tracking-tight">Portfolio not found</h1>
          <p className="text-sm text-muted-foreground">
            eToro does not list this portfolio (deleted, or not yours). What the ledger recorded of it is below.
          </p>
        </div>
      ) : (
        <section aria-labelledby="portfolio-heading" className="space-y-2">
          <h1 id="portfolio-heading" className="text-xl font-semibold tracking-tight">
            {name}
          </h1>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:flex sm:flex-wrap">
            <div>
              <dt className="text-xs text-muted-foreground">Virtual balance</dt>
              <dd>{formatUsd(portfolio.agentPortfolioVirtualBalance)}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Investment</dt>
              <dd>{investment === undefined ? "…" : investment === null ? "not recorded (created outside this console)" : formatUsd(investment)}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">GCID</dt>
              <dd className="font-mono">{portfolio.agentPortfolioGcid ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Mirror</dt>
              <dd className="font-mono">{portfolio.mirrorId ?? "—"}</dd>
            </div>
            {portfolio.createdAt && (
              <div>
                <dt className="text-xs text-muted-foreground">Created</dt>
                <dd>
                  <RelativeTime iso={portfolio.createdAt} />
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}

      {portfolio && (
        <Card className="gap-0 py-0" role="region" aria-labelledby="tokens-heading">
          <div className="flex flex-wrap items-center justify-between gap-3 border-b px-4 py-3">
            <h2 id="tokens-heading" className="font-semibold">
              Tokens
            </h2>
            <div className="flex items-center gap-2">
              <Checkbox id={revokedId} checked={showRevoked} onCheckedChange={(v) => setShowRevoked(v === true)} />
              <Label htmlFor={revokedId}>Show revoked</Label>
            </div>
          </div>
          {portfolio.userTokens.length ? (
            <div className="divide-y">
              {portfolio.userTokens.map((t) => (
                <div key={t.userTokenId} data-testid="detail-token">
                  <div className="flex flex-wrap items-center gap-2 px-4 pt-3">
                    <DelegationChain portfolioName={portfolio.agentPortfolioName} token={t} />
                    {policyViolations(t, policy, t.createdAt ? Date.parse(t.createdAt) : now).map((v) => (
                      <Badge key={v.rule} variant="destructive" title={v.message}>
                        Breaks policy: {v.rule === "max-lifetime" ? "lifetime" : "no IP limit"}
                      </Badge>
                    ))}
                    {t.origin === "outside" && (
                      <Badge variant="secondary" title="eToro lists this token, but this console never minted it.">
                        Created outside this console
                      </Badge>
                    )}
                  </div>
                  <ul>
                    <TokenRow token={t} actions={<div className="flex gap-2"><TokenActions portfolio={portfolio} token={t} onMinted={setReveal} /></div>} />
                  </ul>
                </div>
              ))}
            </div>
          ) : (
            <p className="px-4 py-3 text-sm text-muted-foreground">No live tokens. Mint one from the portfolios page.</p>
          )}
          {showRevoked && (
            <div className="border-t">
              <h3 className="px-4 pt-3 text-sm font-semibold">Revoked tokens</h3>
              <EndedTokens portfolioId={portfolioId} liveTokenIds={new Set(portfolio.userTokens.map((t) => t.userTokenId))} />
            </div>
          )}
        </Card>
      )}

      {!list.isPending && !portfolio && !list.isError && (
        <Card className="gap-0 py-0" role="region" aria-label="Tokens it had">
          <EndedTokens portfolioId={portfolioId} liveTokenIds={new Set()} />
        </Card>
      )}

      <Card className="gap-0 py-0" role="region" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="border-b px-4 py-3 font-semibold">
          Timeline
        </h2>
        <PortfolioTimeline portfolioId={portfolioId} />
      </Card>

      <CopyOnceDialog token={reveal} portfolioName={name} onDone={() => setReveal(null)} />
    </div>
  );
}
