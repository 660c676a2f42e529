import type { ReactNode } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { formatUsd } from "@/lib/format";
import { TokenRow } from "./token-row";

type Props = {
  portfolio: PortfolioView;
  /** Buttons for the portfolio (mint, delete). */
  actions?: ReactNode;
  /** Buttons for one token (edit, roll, revoke). */
  tokenActions?: (token: TokenView) => ReactNode;
  /** A notice shown above the tokens, e.g. a partial create. */
  notice?: ReactNode;
};

export function PortfolioCard({ portfolio, actions, tokenActions, notice }: Props) {
  const headingId = `portfolio-${portfolio.agentPortfolioId}`;
  return (
    <Card role="region" aria-labelledby={headingId} className="gap-0 py-0" data-testid="portfolio">
      <CardHeader className="border-b py-4">
        <CardTitle>
          <h2 id={headingId} className="text-base font-semibold">
            {portfolio.agentPortfolioName}
          </h2>
        </CardTitle>
        <CardDescription>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            <div className="flex gap-1">
              <dt>GCID</dt>
              <dd className="font-mono text-foreground">{portfolio.agentPortfolioGcid ?? "—"}</dd>
            </div>
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
        </CardDescription>
        {actions && (
          <CardAction className="col-start-1 row-start-3 flex flex-wrap gap-2 justify-self-start sm:col-start-2 sm:row-start-1 sm:justify-self-end">
            {actions}
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="px-0">
        {notice}
        {portfolio.userTokens.length ? (
          <ul className="divide-y" aria-label={`Tokens of ${portfolio.agentPortfolioName}`}>
            {portfolio.userTokens.map((token) => (
              <TokenRow key={token.userTokenId} token={token} actions={tokenActions?.(token)} />
            ))}
          </ul>
        ) : (
          <p className="px-4 py-4 text-sm text-muted-foreground">
            No tokens. Mint one to let an agent trade this portfolio.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
