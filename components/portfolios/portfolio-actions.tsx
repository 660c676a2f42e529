"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { PortfolioView } from "@/lib/domain/types";
import { MintTokenDialog } from "@/components/tokens/dialogs/lazy-dialogs";
import { DeletePortfolioDialog } from "./lazy-dialogs";

type Props = {
  portfolio: PortfolioView;
  /** Opens the mint wizard for this portfolio (owned by the parent). */
  onMint: () => void;
};

/** A portfolio's Mint token and Delete portfolio buttons; owns the delete confirmation. */
export function PortfolioActions({ portfolio, onMint }: Props) {
  const [deleting, setDeleting] = useState(false);
  const describedBy = useId();
  return (
    <div className="flex flex-wrap gap-2">
      <span id={describedBy} hidden>
        portfolio {portfolio.agentPortfolioName}
      </span>
      <Button size="sm" onClick={onMint} onPointerEnter={MintTokenDialog.preload} onFocus={MintTokenDialog.preload} aria-describedby={describedBy}>
        <Plus aria-hidden />
        Mint token
      </Button>
      <Button
        size="sm"
        variant="outline"
        className="text-destructive hover:text-destructive"
        onClick={() => setDeleting(true)}
        onPointerEnter={DeletePortfolioDialog.preload}
        onFocus={DeletePortfolioDialog.preload}
        aria-describedby={describedBy}
      >
        <Trash2 aria-hidden />
        Delete portfolio
      </Button>
      <DeletePortfolioDialog portfolio={portfolio} open={deleting} onOpenChange={setDeleting} />
    </div>
  );
}
