"use client";

import { Search } from "lucide-react";
import { useDeferredValue, useMemo, useState, type ReactNode } from "react";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { PortfolioCard } from "./portfolio-card";
import { matchSummary, searchPortfolios } from "./search-portfolios";
import { usePortfolios } from "./use-portfolios";

const PAGE_SIZE = 25;

type Props = {
  /** Top-right actions (New portfolio). */
  toolbar?: ReactNode;
  portfolioActions?: (portfolio: PortfolioView) => ReactNode;
  portfolioNotice?: (portfolio: PortfolioView) => ReactNode;
  tokenActions?: (portfolio: PortfolioView, token: TokenView) => ReactNode;
};

/** The portfolios page body: search, list, and its loading, empty and error states. */
export function PortfolioList({ toolbar, portfolioActions, portfolioNotice, tokenActions }: Props) {
  const query = usePortfolios();
  const [search, setSearch] = useState("");
  const [shown, setShown] = useState(PAGE_SIZE);
  const q = useDeferredValue(search.trim());

  const all = query.data?.agentPortfolios;
  const result = useMemo(() => searchPortfolios(all ?? [], q), [all, q]);
  const filtered = result.matches;
  const tokenCount = all?.reduce((n, p) => n + p.userTokens.length, 0) ?? 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Agent portfolios</h1>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {all
              ? `${all.length.toLocaleString("en-US")} portfolio${all.length === 1 ? "" : "s"}, ${tokenCount.toLocaleString("en-US")} token${tokenCount === 1 ? "" : "s"}`
              : "Portfolios your agents trade, and the tokens they trade with."}
          </p>
        </div>
        {toolbar}
      </div>

      <div className="relative max-w-sm">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          aria-label="Search"
          placeholder="Search portfolios, tokens, scopes, IPs"
          className="pl-8"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setShown(PAGE_SIZE);
          }}
        />
      </div>
      <p className="-mt-2 text-sm text-muted-foreground empty:hidden" role="status">
        {q && all && all.length > 0 ? `${matchSummary(result)} “${q}”.` : ""}
      </p>

      {query.isPending ? (
        <div className="space-y-3" role="status" aria-busy="true" aria-label="Loading portfolios">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-36 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <ErrorBlock title="Could not load your portfolios" error={query.error} onRetry={() => query.refetch()} />
      ) : all && all.length === 0 ? (
        <div className="rounded-lg border border-dashed p-8 text-center">
          <h2 className="font-medium">No agent portfolios yet</h2>
          <p className="mt-1 text-sm text-muted-foreground">
            Create one with <strong>New portfolio</strong>: it gets its own virtual balance and a first token for your agent.
          </p>
        </div>
      ) : filtered.length === 0 ? (
        <p className="py-8 text-center text-sm text-muted-foreground">
          Nothing matches “{q}”. Try a portfolio or token name, a scope, an IP, or words such as “any IP”, “never expires” or
          “Expiring soon”.
        </p>
      ) : (
        <>
          <div className="space-y-4">
            {filtered.slice(0, shown).map(({ portfolio: p, tokens }) => (
              <PortfolioCard
                key={p.agentPortfolioId}
                portfolio={p}
                tokens={tokens}
                actions={portfolioActions?.(p)}
                notice={portfolioNotice?.(p)}
                tokenActions={tokenActions ? (t) => tokenActions(p, t) : undefined}
              />
            ))}
          </div>
          {filtered.length > shown && (
            <div className="flex flex-col items-center gap-1">
              <Button variant="outline" onClick={() => setShown((n) => n + PAGE_SIZE * 4)}>
                Show more
              </Button>
              <p className="text-xs text-muted-foreground">
                Showing {shown.toLocaleString("en-US")} of {filtered.length.toLocaleString("en-US")}
              </p>
            </div>
          )}
        </>
      )}
    </div>
  );
}
