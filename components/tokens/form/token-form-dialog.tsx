"use client";

import type { ReactNode } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { TokenBounds } from "@/lib/domain/risk-rule";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { TokenFormProvider } from "./token-form-provider";
import type { Submission } from "./use-token-form-submit";

/** What a dialog acting on one token of a portfolio receives. */
export type TokenDialogProps = {
  portfolio: PortfolioView;
  token: TokenView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** Cancel and the submit button, the latter saying what is under way; both held while a request runs. */
export function FormFooter({
  onCancel,
  pending,
  submitLabel,
  pendingLabel,
  submitDisabled,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  submitDisabled?: boolean;
}) {
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" disabled={submitDisabled || pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </DialogFooter>
  );
}

/**
 * The frame of a one-page token form in a dialog (Edit, Roll): title and
 * description, the shared token fields' provider, the form, the one error
 * block and the footer. The dialog itself supplies only its flow: which
 * fields, what the submit does.
 */
export function TokenFormDialog<T extends FieldValues, TOut extends FieldValues>({
  heading,
  form,
  settings,
  submission,
  failure,
  footer,
  children,
}: {
  heading: { title: string; description: ReactNode };
  form: UseFormReturn<T, unknown, TOut>;
  /** The token fields' settings (see TokenFormProvider). */
  settings: { before?: TokenBounds | null; takenNames?: readonly string[] };
  submission: Submission;
  /** The error block's title, and what the flow adds to the server's words. */
  failure: { title: string; note?: ReactNode };
  footer: ReactNode;
  children: ReactNode;
}) {
  const { formRef, onSubmit, failure: error } = submission;
  return (
    <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-lg">
      <DialogHeader>
        <DialogTitle className="wrap-anywhere">{heading.title}</DialogTitle>
        <DialogDescription>{heading.description}</DialogDescription>
      </DialogHeader>
      <TokenFormProvider form={form} {...settings}>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="grid min-w-0 gap-5">
          {children}
          {error !== null && (
            <ErrorBlock title={failure.title} error={error}>
              {failure.note}
            </ErrorBlock>
          )}
          {footer}
        </form>
      </TokenFormProvider>
    </DialogContent>
  );
}
