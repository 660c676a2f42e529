"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { matchWords } from "@/lib/domain/search-portfolios";
import type { PortfolioMatchView, PortfolioPage, PortfolioView, TokenView } from "@/lib/domain/types";
import { PortfolioCard } from "./portfolio-card";
import { PortfolioSearchBox } from "./portfolio-search-box";
import { usePortfolioPages } from "./use-portfolio-pages";

type Props = {
  /** Top-right actions (New portfolio). */
  toolbar?: ReactNode;
  portfolioActions?: (portfolio: PortfolioView) => ReactNode;
  portfolioNotice?: (portfolio: PortfolioView) => ReactNode;
  tokenActions?: (portfolio: PortfolioView, token: TokenView) => ReactNode;
  /** The first page (no search) the HTML came with, if any. */
  initial?: PortfolioPage | null;
};

type CardProps = Omit<Props, "toolbar" | "initial"> & { match: PortfolioMatchView };

const count = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** The portfolios page body: search, list, and its loading, empty and error states. The server searches and pages. */
export function PortfolioList({ toolbar, portfolioActions, portfolioNotice, tokenActions, initial = null }: Props) {
  const [q, setQ] = useState("");
  const query = usePortfolioPages(q, initial);
  const pages = query.data?.pages;
  const first = pages?.[0];
  // Pages are fetched at offsets of one search; a reload in between could repeat a portfolio.
  const matches = useMemo(() => {
    const seen = new Set<string>();
    return (pages ?? []).flatMap((p) => p.matches).filter((m) => !seen.has(m.portfolio.agentPortfolioId) && seen.add(m.portfolio.agentPortfolioId));
  }, [pages]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Agent portfolios</h1>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {first
              ? `${count(first.totals.portfolios, "portfolio")}, ${count(first.totals.tokens, "token")}`
              : "Portfolios your agents trade, and the tokens they trade with."}
          </p>
        </div>
        {toolbar}
      </div>

      <PortfolioSearchBox onSearch={setQ} />
      <p className="-mt-2 text-sm text-muted-foreground empty:hidden" role="status">
        {first?.q && first.totals.portfolios > 0 ? `${matchWords(first.matchedPortfolios, first.matchedTokens)} “${first.q}”.` : ""}
      </p>

      {query.isPending ? (
        <div className="space-y-3" role="status" aria-busy="true" aria-label="Loading portfolios">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-36 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <ErrorBlock title="Could not load your portfolios" error={query.error} onRetry={() => query.refetch()} />
      ) : first && first.totals.portfolios === 0 ? (
        <div className="rounded-lg border border-dashed p-8 text-center">
          <h2 className="font-medium">No agent portfolios yet</h2>
          <p className="mt-1 text-sm text-muted-foreground">
            Create one with <strong>New portfolio</strong>: it gets its own virtual balance and a first token for your agent.
          </p>
        </div>
      ) : matches.length === 0 ? (
        <p className="py-8 text-center text-sm text-muted-foreground">
          Nothing matches “{first?.q}”. Try a portfolio or token name, a scope, an IP, or words such as “any IP”, “never expires” or
          “Expiring soon”.
        </p>
      ) : (
        <>
          <VirtualCards
            matches={matches}
            portfolioActions={portfolioActions}
            portfolioNotice={portfolioNotice}
            tokenActions={tokenActions}
          />
          {query.hasNextPage && (
            <div className="flex flex-col items-center gap-1">
              <Button variant="outline" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                Show more
              </Button>
              <p className="text-xs text-muted-foreground">
                Showing {matches.length.toLocaleString("en-US")} of {first!.matchedPortfolios.toLocaleString("en-US")}
              </p>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** A card's height before it is measured: its header and a row per token shown. */
const estimateHeight = (match: PortfolioMatchView) => 110 + 72 * Math.max(1, match.shownTokenIds?.length ?? match.portfolio.userTokens.length);
const GAP = 16;
/** A tall laptop screen: what the HTML renders cards for before the browser says how big its window is. */
const FIRST_PAINT_RECT = { width: 1280, height: 900 };

/**
 * Up to this many token rows, every loaded card is rendered (a normal account: find
 * in page and scripts see every card); beyond it, only the cards on screen.
 */
const ALL_CARDS_UP_TO_ROWS = 40;

function VirtualCards(props: Omit<CardProps, "match"> & { matches: PortfolioMatchView[] }) {
  const rows = props.matches.reduce((n, m) => n + 1 + (m.shownTokenIds?.length ?? m.portfolio.userTokens.length), 0);
  if (rows > ALL_CARDS_UP_TO_ROWS) return <WindowedCards {...props} />;
  const { matches, ...renderers } = props;
  return (
    <div className="space-y-4">
      {matches.map((match) => (
        <MatchCard key={match.portfolio.agentPortfolioId} match={match} {...renderers} />
      ))}
    </div>
  );
}

/**
 * Only the cards on screen (and one either side, so Tab always has a next card to
 * move to) are rendered; the page scrolls as one, as it would with every card in it.
 */
function WindowedCards({ matches, ...renderers }: Omit<CardProps, "match"> & { matches: PortfolioMatchView[] }) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the list starts on the page moves when what is above it (the expiry banner, the match line) changes size.
  useLayoutEffect(() => {
    const measure = () => setScrollMargin(Math.round((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: matches.length,
    estimateSize: (i) => estimateHeight(matches[i]),
    getItemKey: (i) => matches[i].portfolio.agentPortfolioId,
    overscan: 1,
    gap: GAP,
    scrollMargin,
    // The same on the server and in the first render in the browser, so the HTML holds the first cards and
    // hydration matches it; the real window takes over once mounted.
    initialRect: FIRST_PAINT_RECT,
  });

  return (
    <div ref={listRef} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => (
        <div
          key={item.key}
          data-index={item.index}
          ref={virtualizer.measureElement}
          className="absolute top-0 left-0 w-full"
          style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
        >
          <MatchCard match={matches[item.index]} {...renderers} />
        </div>
      ))}
    </div>
  );
}

/** One card, re-rendered only when its match changes (not when another card's does, or on a keystroke). */
const MatchCard = memo(function MatchCard({ match, portfolioActions, portfolioNotice, tokenActions }: CardProps) {
  const { portfolio: p, shownTokenIds } = match;
  const tokens = useMemo(() => {
    if (!shownTokenIds) return p.userTokens;
    const shown = new Set(shownTokenIds);
    return p.userTokens.filter((t) => shown.has(t.userTokenId));
  }, [p.userTokens, shownTokenIds]);
  return (
    <PortfolioCard
      portfolio={p}
      tokens={tokens}
      actions={portfolioActions?.(p)}
      notice={portfolioNotice?.(p)}
      tokenActions={tokenActions ? (t) => tokenActions(p, t) : undefined}
    />
  );
});
