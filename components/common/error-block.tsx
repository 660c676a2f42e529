"use client";

import { AlertCircle } from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/api-client";

/** "Try again", held back for the Retry-After the server gave, counting down. */
function RetryButton({ seconds, onRetry }: { seconds: number; onRetry: () => void }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (seconds <= 0) return;
    const started = Date.now();
    const timer = setInterval(() => {
      const next = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  return (
    <Button type="button" variant="outline" size="sm" className="mt-2" onClick={onRetry} disabled={left > 0}>
      {left > 0 ? `Try again in ${left} s` : "Try again"}
    </Button>
  );
}

/**
 * The one error block of every dialog, form and page: what happened and what
 * to do (the BFF's words, never re-worded here), what the flow adds
 * (`children`, e.g. "nothing was revoked"), the time to wait before trying
 * again, and the request id to quote.
 */
export function ErrorBlock({
  title,
  error,
  onRetry,
  children,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const err = error instanceof ApiClientError ? error : null;
  return (
    <Alert variant="destructive" role="alert">
      <AlertCircle aria-hidden />
      <AlertTitle className="line-clamp-none">{title}</AlertTitle>
      <AlertDescription>
        <p>{err?.message ?? "Something went wrong. Try again."}</p>
        {children}
        <p className="font-mono text-xs break-all">Request id: {err?.requestId ?? "none (the request did not reach the server)"}</p>
        {/* Keyed by the request: each new failure starts its own wait. */}
        {onRetry && <RetryButton key={err?.requestId ?? "none"} seconds={err?.retryAfterSeconds ?? 0} onRetry={onRetry} />}
      </AlertDescription>
    </Alert>
  );
}
