"use client";

import { useId, useState, type FormEvent } from "react";
import { toast } from "@/components/common/toast";
import { ErrorBlock } from "@/components/common/error-block";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";
import type { PortfolioView } from "@/lib/domain/types";
import { useDeletePortfolio } from "./use-portfolio-mutations";

type Props = {
  portfolio: PortfolioView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** Deleting a portfolio revokes all its tokens, so it asks for the name typed out. */
export function DeletePortfolioDialog({ portfolio, open, onOpenChange }: Props) {
  const remove = useDeletePortfolio();
  return (
    <AlertDialog open={open} onOpenChange={guardCloseWhilePending({ mutations: [remove] }, onOpenChange)}>
      {/* Mounted only while open, so the typed name never carries over to the next time. */}
      {open && <DeletePortfolioContent portfolio={portfolio} remove={remove} onClose={() => onOpenChange(false)} />}
    </AlertDialog>
  );
}

function DeletePortfolioContent({
  portfolio,
  remove,
  onClose,
}: {
  portfolio: PortfolioView;
  remove: ReturnType<typeof useDeletePortfolio>;
  onClose: () => void;
}) {
  const ids = useId();
  const [typed, setTyped] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const name = portfolio.agentPortfolioName;
  const count = portfolio.userTokens.length;
  const confirmed = typed === name;
  const pending = remove.isPending;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirmed || pending) return;
    setFailure(null);
    try {
      // mutateAsync: the list refetch removes this card (and this dialog) before per-call callbacks would run.
      await remove.mutateAsync({ portfolioId: portfolio.agentPortfolioId });
      toast.success(`Deleted ${name}`);
      onClose();
    } catch (error) {
      setFailure(error);
    }
  }

  const inputId = `${ids}-confirm`;
  return (
    <AlertDialogContent>
      <form onSubmit={submit} className="grid gap-4">
        <AlertDialogHeader>
          <AlertDialogTitle className="wrap-anywhere">Delete {name}?</AlertDialogTitle>
          <AlertDialogDescription>
            This revokes every token of <strong className="text-foreground">{name}</strong> ({count} token
            {count === 1 ? "" : "s"}), so every agent using them loses access, and stops the copy mirror. It cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <div className="grid gap-1.5">
          <Label htmlFor={inputId}>Type {name} to confirm</Label>
          <Input
            id={inputId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
          />
        </div>
        {failure ? <ErrorBlock title={`Could not delete ${name}`} error={failure} /> : null}
        <AlertDialogFooter>
          <AlertDialogCancel type="button" disabled={pending}>
            Cancel
          </AlertDialogCancel>
          <Button type="submit" variant="destructive" disabled={!confirmed || pending}>
            {pending ? "Deleting…" : "Delete portfolio"}
          </Button>
        </AlertDialogFooter>
      </form>
    </AlertDialogContent>
  );
}
