"use client";

import { useRef, type RefObject } from "react";
import { toast } from "@/components/common/toast";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { buttonVariants } from "@/components/ui/button";
import { ApiClientError } from "@/lib/api-client";
import type { PortfolioRef, TokenView } from "@/lib/domain/types";
import { useRevokeToken } from "@/components/tokens/use-token-mutations";
import { focusTargetAfterRemoval } from "@/components/common/focus-after-removal";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";

type Props = {
  /** The portfolio the token belongs to: its id and name are all a revoke needs. */
  portfolio: PortfolioRef;
  token: TokenView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opened the dialog: its row leaves the list, so focus goes to a neighbour, not back to it. */
  trigger?: RefObject<HTMLElement | null>;
};

/** Confirms a revoke. The row leaves the list at once (optimistic) and comes back if eToro refuses. */
export function RevokeTokenDialog({ portfolio, token, open, onOpenChange, trigger }: Props) {
  const revoke = useRevokeToken();
  const name = token.userTokenName;
  // Chosen before the row goes (the optimistic update removes it, and the trigger with it).
  const focusAfter = useRef<HTMLElement | null>(null);

  function confirm() {
    focusAfter.current = focusTargetAfterRemoval(trigger?.current ?? null);
    // mutateAsync, not mutate(…, callbacks): the optimistic update unmounts this row
    // (and this dialog) at once, and per-call callbacks die with the component.
    revoke.mutateAsync({ portfolioId: portfolio.agentPortfolioId, tokenId: token.userTokenId }).then(
      () => toast.success(`Revoked ${name}`),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : "Something went wrong.";
        const requestId = error instanceof ApiClientError && error.requestId ? ` (Request id: ${error.requestId})` : "";
        toast.error(`Could not revoke ${name}: ${message}${requestId}`, { duration: 15_000 });
      },
    );
  }

  return (
    // The revoke runs on after the dialog closes (the row goes at once and comes back if eToro refuses),
    // so the guard only has a finished mutation to clear.
    <AlertDialog open={open} onOpenChange={guardCloseWhilePending({ mutations: [revoke] }, onOpenChange)}>
      <AlertDialogContent
        onCloseAutoFocus={(e) => {
          const target = focusAfter.current;
          if (!target?.isConnected) return;
          e.preventDefault();
          target.focus();
        }}
      >
        <AlertDialogHeader>
          <AlertDialogTitle className="wrap-anywhere">Revoke {name}?</AlertDialogTitle>
          <AlertDialogDescription>
            The token <strong className="text-foreground">{name}</strong> of the portfolio{" "}
            <strong className="text-foreground">{portfolio.agentPortfolioName}</strong> stops working: the agent using it
            loses access immediately. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          {/* AlertDialogAction closes the dialog on click: the confirmation is the last step. */}
          <AlertDialogAction className={buttonVariants({ variant: "destructive" })} onClick={confirm}>
            Revoke
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
