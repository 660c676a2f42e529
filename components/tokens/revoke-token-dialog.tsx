"use client";

import { toast } from "sonner";
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
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { useRevokeToken } from "./use-token-mutations";

type Props = {
  portfolio: PortfolioView;
  token: TokenView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** Confirms a revoke. The row leaves the list at once (optimistic) and comes back if eToro refuses. */
export function RevokeTokenDialog({ portfolio, token, open, onOpenChange }: Props) {
  const revoke = useRevokeToken();
  const name = token.userTokenName;

  function confirm() {
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
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
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
