import Link from "next/link";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import { Card, CardContent } from "@/components/ui/card";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { formatUsd } from "@/lib/format";
import { TokenRow } from "@/components/tokens/row/token-row";

type Props = {
  portfolio: PortfolioView;
  /** The tokens to show, when a search shows only some; default all. */
  tokens?: TokenView[];
  /** Buttons for the portfolio (mint, delete). */
  actions?: ReactNode;
  /** Buttons for one token (edit, roll, revoke). */
  tokenActions?: (token: TokenView) => ReactNode;
  /** A notice shown above the tokens, e.g. a partial create. */
  notice?: ReactNode;
};

/** One portfolio: its facts (eToro's, and the ledger's investment and description) and its tokens. */
export function PortfolioCard({ portfolio, tokens = portfolio.userTokens, actions, tokenActions, notice }: Props) {
  const headingId = `portfolio-${portfolio.agentPortfolioId}`;
  const hidden = portfolio.userTokens.length - tokens.length;
  return (
    <Card
      role="region"
      aria-labelledby={headingId}
      className="gap-0 py-0"
      data-testid={`portfolio-${portfolio.agentPortfolioId}`}
      data-portfolio-id={portfolio.agentPortfolioId}
    >
      {/* A plain flex header: on phones the actions wrap under the facts instead of squeezing the name. */}
      <div className="flex flex-wrap items-start justify-between gap-3 border-b px-4 py-4">
        <div className="min-w-0 space-y-1.5">
          <h2 id={headingId} className="truncate text-base leading-none font-semibold">
            <Link href={`/portfolios/${portfolio.agentPortfolioId}`} className="underline-offset-4 hover:underline">{portfolio.agentPortfolioName}</Link>
          </h2>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
            <div className="flex gap-1">
              <dt>GCID</dt>
              <dd className="font-mono text-foreground">{portfolio.agentPortfolioGcid ?? "—"}</dd>
            </div>
            {portfolio.investmentAmountInUsd != null && (
              <div className="flex gap-1">
                <dt>Investment</dt>
                <dd className="text-foreground">{formatUsd(portfolio.investmentAmountInUsd)}</dd>
              </div>
            )}
            <div className="flex gap-1">
              <dt>Virtual balance</dt>
              <dd className="text-foreground">{formatUsd(portfolio.agentPortfolioVirtualBalance)}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Mirror</dt>
              <dd className="font-mono text-foreground">{portfolio.mirrorId ?? "—"}</dd>
            </div>
            {portfolio.createdAt && (
              <div className="flex gap-1">
                <dt>Created</dt>
                <dd className="text-foreground">
                  <RelativeTime iso={portfolio.createdAt} />
                </dd>
              </div>
            )}
          </dl>
          {portfolio.agentPortfolioDescription && (
            <p className="max-w-prose text-sm break-words text-muted-foreground">{portfolio.agentPortfolioDescription}</p>
          )}
        </div>
        {actions}
      </div>
      <CardContent className="px-0">
        {notice}
        {tokens.length ? (
          <ul className="divide-y" aria-label={`Tokens of ${portfolio.agentPortfolioName}`}>
            {tokens.map((token) => (
              <TokenRow key={token.userTokenId} token={token} actions={tokenActions?.(token)} />
            ))}
          </ul>
        ) : (
          <p className="px-4 py-4 text-sm text-muted-foreground">
            No tokens. Mint one to let an agent trade this portfolio.
          </p>
        )}
        {hidden > 0 && (
          <p className="border-t px-4 py-2 text-xs text-muted-foreground">
            {hidden === 1 ? "1 more token does" : `${hidden} more tokens do`} not match the search.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
