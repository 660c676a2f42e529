"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { MintedTokenView, PortfolioView, TokenView } from "@/lib/domain/types";
import { EditTokenDialog } from "./edit-token-dialog";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { RollTokenDialog } from "./roll-token-dialog";

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
  // Each button is named with its token ("Edit live-trader"); the description adds its portfolio.
  const describedBy = useId();
  const change = (which: Exclude<Open, null>) => (next: boolean) => setOpen(next ? which : null);

  return (
    <>
      <span id={describedBy} hidden>
        token {token.userTokenName} of {portfolio.agentPortfolioName}
      </span>
      <Button
        size="sm"
        variant="outline"
        aria-describedby={describedBy}
        aria-label={`Edit ${token.userTokenName}`}
        onClick={() => setOpen("edit")}
      >
        Edit
      </Button>
      <Button
        size="sm"
        variant="outline"
        aria-describedby={describedBy}
        aria-label={`Roll ${token.userTokenName}`}
        onClick={() => setOpen("roll")}
      >
        Roll
      </Button>
      <Button
        size="sm"
        variant="outline"
        className="text-destructive hover:text-destructive"
        aria-describedby={describedBy}
        aria-label={`Revoke ${token.userTokenName}`}
        onClick={() => setOpen("revoke")}
      >
        Revoke
      </Button>
      <EditTokenDialog portfolio={portfolio} token={token} open={open === "edit"} onOpenChange={change("edit")} />
      <RollTokenDialog
        portfolio={portfolio}
        token={token}
        open={open === "roll"}
        onOpenChange={change("roll")}
        onMinted={onMinted}
      />
      <RevokeTokenDialog portfolio={portfolio} token={token} open={open === "revoke"} onOpenChange={change("revoke")} />
    </>
  );
}
