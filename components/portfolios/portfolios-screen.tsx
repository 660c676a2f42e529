"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyOnceDialog, MintTokenDialog } from "@/components/tokens/dialogs/lazy-dialogs";
import { TokenActions } from "@/components/tokens/row/token-actions";
import { revealed } from "@/components/tokens/dialogs/revealed-token";
import type { MintedTokenView, PortfolioPage, PortfolioView } from "@/lib/domain/types";
import { NewPortfolioDialog } from "./lazy-dialogs";
import { PortfolioActions } from "./portfolio-actions";
import { PortfolioList } from "./portfolio-list";

type Reveal = { token: MintedTokenView; portfolioName: string; portfolioId: string };

/** After the secret is put away: back to the portfolio's first button, or to New portfolio. */
function focusAfterReveal(portfolioId: string): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>(`[data-portfolio-id="${CSS.escape(portfolioId)}"] button`) ??
    document.querySelector<HTMLElement>("#new-portfolio")
  );
}

/**
 * /portfolios: the list with the lifecycle actions wired in. Exactly one secret
 * at a time is held here, only while the copy-once dialog shows it.
 */
export function PortfoliosScreen({ initial = null }: { initial?: PortfolioPage | null }) {
  const [newOpen, setNewOpen] = useState(false);
  const [mintFor, setMintFor] = useState<PortfolioView | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  // Portfolios eToro created without their first token (207), to offer a mint.
  const [partial, setPartial] = useState<ReadonlySet<string>>(new Set());

  const openMint = (p: PortfolioView) => setMintFor(p);

  return (
    <>
      <PortfolioList
        initial={initial}
        toolbar={
          <Button id="new-portfolio" onClick={() => setNewOpen(true)} onPointerEnter={NewPortfolioDialog.preload} onFocus={NewPortfolioDialog.preload}>
            <Plus aria-hidden />
            New portfolio
          </Button>
        }
        portfolioActions={(p) => <PortfolioActions portfolio={p} onMint={() => openMint(p)} />}
        portfolioNotice={(p) =>
          partial.has(p.agentPortfolioId) && p.userTokens.length === 0 ? (
            <Alert className="m-4 w-auto" role="status">
              <AlertTitle>Portfolio created, but its first token could not be minted</AlertTitle>
              <AlertDescription>
                <p>eToro made the portfolio; mint a token for your agent now.</p>
                <Button size="sm" className="mt-2" onClick={() => openMint(p)}>
                  Mint token
                </Button>
              </AlertDescription>
            </Alert>
          ) : null
        }
        tokenActions={(p, t) => (
          <TokenActions
            portfolio={p}
            token={t}
            onMinted={(token) => setReveal({ token, portfolioName: p.agentPortfolioName, portfolioId: p.agentPortfolioId })}
          />
        )}
      />

      <NewPortfolioDialog
        open={newOpen}
        onOpenChange={setNewOpen}
        onCreated={(result) => {
          if (result.token) {
            setReveal({
              token: revealed({ token: result.token, message: result.message }),
              portfolioName: result.portfolio.agentPortfolioName,
              portfolioId: result.portfolio.agentPortfolioId,
            });
          } else {
            setPartial((s) => new Set(s).add(result.portfolio.agentPortfolioId));
          }
        }}
      />

      {mintFor && (
        <MintTokenDialog
          portfolio={mintFor}
          open={!!mintFor}
          onOpenChange={(open) => !open && setMintFor(null)}
          onMinted={(token) => {
            setPartial((s) => {
              const next = new Set(s);
              next.delete(mintFor.agentPortfolioId);
              return next;
            });
            setReveal({ token, portfolioName: mintFor.agentPortfolioName, portfolioId: mintFor.agentPortfolioId });
          }}
        />
      )}

      <CopyOnceDialog
        token={reveal?.token ?? null}
        portfolioName={reveal?.portfolioName ?? ""}
        onDone={() => setReveal(null)}
        returnFocus={() => (reveal ? focusAfterReveal(reveal.portfolioId) : null)}
      />
    </>
  );
}
