"use client";

import { AlertCircle } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ApiClientError } from "@/lib/api-client";

/** What went wrong and what to do, in words, for the errors a mint or create can meet. */
export function mutationErrorText(error: unknown): string {
  if (!(error instanceof ApiClientError)) return "Something went wrong. Try again.";
  switch (error.code) {
    case "MaxUserTokensExceeded":
      return "This portfolio already has 10 tokens, the most eToro allows. Revoke one first.";
    case "TooManyRequests": {
      const wait = error.retryAfterSeconds ?? 60;
      return `eToro's limit of 60 requests a minute is used up. Try again in ${wait} ${wait === 1 ? "second" : "seconds"}.`;
    }
    case "UserKeyNameAlreadyExists":
      return "A token with this name already exists in this portfolio. Pick another name.";
    default:
      return error.fields && Object.keys(error.fields).length > 0
        ? `${error.message} The highlighted field says what to change.`
        : error.message;
  }
}

/** The alert a form shows when its request fails; always with the request id to quote. */
export function MutationErrorAlert({ title, error }: { title: string; error: unknown }) {
  const requestId = error instanceof ApiClientError ? error.requestId : undefined;
  return (
    <Alert variant="destructive" role="alert">
      <AlertCircle aria-hidden />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{mutationErrorText(error)}</p>
        <p className="font-mono text-xs break-all">Request id: {requestId ?? "none (the request did not reach the server)"}</p>
      </AlertDescription>
    </Alert>
  );
}
