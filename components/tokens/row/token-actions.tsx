"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { MintedTokenView, PortfolioView, TokenView } from "@/lib/domain/types";
import { EditTokenDialog, RevokeTokenDialog, RollTokenDialog } from "@/components/tokens/dialogs/lazy-dialogs";

type Props = {
  portfolio: PortfolioView;
  token: TokenView;
  /** Receives a rolled token's secret; the parent shows the copy-once dialog. */
  onMinted: (token: MintedTokenView) => void;
};

type Open = "edit" | "roll" | "revoke" | null;

/** A token's Edit, Roll and Revoke buttons and the dialogs behind them. */
export function TokenActions({ portfolio, token, onMinted }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  // Each button is named with its token ("Edit live-trader"); the description adds its portfolio.
  const describedBy = useId();
  const dialog = (which: Exclude<Open, null>) => ({
    portfolio,
    token,
    open: open === which,
    onOpenChange: (next: boolean) => setOpen(next ? which : null),
  });

  return (
    <>
      <span id={describedBy} hidden>
        token {token.userTokenName} of {portfolio.agentPortfolioName}
      </span>
      <Button
        size="sm"
        variant="outline"
        aria-label={`Edit ${token.userTokenName}`}
        aria-describedby={describedBy}
        title={`Edit ${token.userTokenName}`}
        onClick={() => setOpen("edit")}
        onPointerEnter={EditTokenDialog.preload}
        onFocus={EditTokenDialog.preload}
      >
        Edit
      </Button>
      <Button
        size="sm"
        variant="outline"
        aria-label={`Roll ${token.userTokenName}`}
        aria-describedby={describedBy}
        title={`Roll ${token.userTokenName}`}
        onClick={() => setOpen("roll")}
        onPointerEnter={RollTokenDialog.preload}
        onFocus={RollTokenDialog.preload}
      >
        Roll
      </Button>
      <Button
        ref={revokeButton}
        size="sm"
        variant="outline"
        className="text-destructive hover:text-destructive"
        aria-label={`Revoke ${token.userTokenName}`}
        aria-describedby={describedBy}
        title={`Revoke ${token.userTokenName}`}
        onClick={() => setOpen("revoke")}
        onPointerEnter={RevokeTokenDialog.preload}
        onFocus={RevokeTokenDialog.preload}
      >
        Revoke
      </Button>
      <EditTokenDialog {...dialog("edit")} />
      <RollTokenDialog {...dialog("roll")} onMinted={onMinted} />
      <RevokeTokenDialog {...dialog("revoke")} trigger={revokeButton} />
    </>
  );
}
