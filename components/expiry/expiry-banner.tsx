"use client";

import { Clock } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { toast } from "@/components/common/toast";
import { RelativeTime } from "@/components/common/relative-time";
import { policyQuery } from "@/components/policy/use-policy";
import { useUpdateToken } from "@/components/tokens/use-token-mutations";
import { RevokeTokenDialog } from "@/components/tokens/dialogs/lazy-dialogs";
import { useExpirySummary } from "./use-expiry-summary";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/api-client";
import { NO_POLICY } from "@/lib/domain/policy";
import { extendedExpiry, extensionFor } from "@/lib/domain/expiry";
import type { ExpiryItemView, ExpirySummary } from "@/lib/domain/types";
import { formatDuration } from "@/lib/format";

function ExtendButton({ item }: { item: ExpiryItemView }) {
  const update = useUpdateToken();
  const queryClient = useQueryClient();
  const { token, portfolio } = item;
  const extend = async () => {
    // The policy is read only when needed: a banner alone must not spend a request.
    const policy = await queryClient.fetchQuery(policyQuery).catch(() => NO_POLICY);
    const span = formatDuration(extensionFor(token, policy.maxTokenLifetimeDays));
    // Awaited rather than per-call callbacks: the reloaded list unmounts this button, and
    // TanStack Query skips mutate()'s callbacks for an unmounted observer, so the toast would be lost.
    try {
      await update.mutateAsync({
        portfolioId: portfolio.agentPortfolioId,
        tokenId: token.userTokenId,
        changes: { expiresAt: extendedExpiry(token, Date.now(), policy.maxTokenLifetimeDays) },
      });
    } catch (error) {
      const requestId = error instanceof ApiClientError && error.requestId ? ` (Request id: ${error.requestId})` : "";
      toast.error(`Could not extend ${token.userTokenName}: ${error instanceof Error ? error.message : String(error)}${requestId}`, { duration: 15_000 });
      return;
    }
    toast.success(`Extended ${token.userTokenName} by ${span}`);
  };
  return (
    <Button
      size="sm"
      variant="outline"
      onClick={() => void extend()}
      disabled={update.isPending}
      aria-label={`Extend ${token.userTokenName}`}
      title="Same settings, a new expiry: the token's own lifetime again, from now"
    >
      {update.isPending ? "Extending…" : "Extend"}
    </Button>
  );
}

function CleanUpButton({ item }: { item: ExpiryItemView }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="outline"
        onClick={() => setOpen(true)}
        onPointerEnter={RevokeTokenDialog.preload}
        onFocus={RevokeTokenDialog.preload}
        aria-label={`Revoke expired token ${item.token.userTokenName}`}
      >
        Revoke
      </Button>
      <RevokeTokenDialog portfolio={item.portfolio} token={item.token} open={open} onOpenChange={setOpen} />
    </>
  );
}

function Row({ item, action }: { item: ExpiryItemView; action: ReactNode }) {
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <span className="font-medium text-foreground">{item.token.userTokenName}</span>
      <span className="text-muted-foreground">
        of{" "}
        <Link href={`/portfolios/${item.portfolio.agentPortfolioId}`} className="underline underline-offset-4">
          {item.portfolio.agentPortfolioName}
        </Link>{" "}
        {item.token.status === "expired" ? "expired" : "expires"} <RelativeTime iso={item.token.expiresAt!} />
      </span>
      <span className="ml-auto">{action}</span>
    </li>
  );
}

/** "…and 480 more": the banner names the first few of each kind; the server counts the rest. */
function More({ count, shown, what }: { count: number; shown: number; what: string }) {
  if (count <= shown) return null;
  return (
    <li className="text-muted-foreground">
      …and {(count - shown).toLocaleString("en-US")} more {what}
    </li>
  );
}

/**
 * Tokens that expire within 7 days (one-click Extend: same settings, a new expiry) and
 * tokens that have expired (listed for clean-up). Renders nothing when all is well.
 * Placed on /portfolios; other pages may place it too. Reads the server's summary
 * (counts and the first items), not the whole account.
 */
export function ExpiryBanner({ initial = null }: { initial?: ExpirySummary | null }) {
  const summary = useExpirySummary(initial);
  if (!summary.data) return null;
  const { expiring, expired, expiringCount, expiredCount } = summary.data;
  if (!expiringCount && !expiredCount) return null;
  return (
    <Alert role="region" aria-label="Token expiry" className="mb-4">
      <Clock aria-hidden />
      <AlertTitle className="line-clamp-none">
        {[
          expiringCount ? `${expiringCount.toLocaleString("en-US")} token${expiringCount === 1 ? "" : "s"} expire${expiringCount === 1 ? "s" : ""} within 7 days` : null,
          expiredCount ? `${expiredCount.toLocaleString("en-US")} expired token${expiredCount === 1 ? "" : "s"} to clean up` : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </AlertTitle>
      <AlertDescription className="w-full">
        <ul className="mt-1 w-full space-y-1.5 text-sm">
          {expiring.map((item) => (
            <Row key={item.token.userTokenId} item={item} action={<ExtendButton item={item} />} />
          ))}
          <More count={expiringCount} shown={expiring.length} what="expiring within 7 days" />
          {expired.map((item) => (
            <Row key={item.token.userTokenId} item={item} action={<CleanUpButton item={item} />} />
          ))}
          <More count={expiredCount} shown={expired.length} what="expired" />
        </ul>
      </AlertDescription>
    </Alert>
  );
}
