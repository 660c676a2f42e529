"use client";

import { Clock } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { toast } from "@/components/common/toast";
import { RelativeTime } from "@/components/common/relative-time";
import { policyQuery } from "@/components/policy/use-policy";
import { useUpdateToken } from "@/components/tokens/use-token-mutations";
import { usePortfolios } from "@/components/portfolios/use-portfolios";
import { RevokeTokenDialog } from "@/components/tokens/lazy-dialogs";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/api-client";
import { NO_POLICY } from "@/lib/domain/policy";
import { expiryAttention, extendedExpiry, extensionFor, type ExpiryItem } from "@/lib/domain/expiry";
import { formatDuration } from "@/lib/format";

function ExtendButton({ item }: { item: ExpiryItem }) {
  const update = useUpdateToken();
  const queryClient = useQueryClient();
  const { token, portfolio } = item;
  const extend = async () => {
    // The policy is read only when needed: a banner alone must not spend a request.
    const policy = await queryClient.fetchQuery(policyQuery).catch(() => NO_POLICY);
    const span = formatDuration(extensionFor(token, policy.maxTokenLifetimeDays));
    update.mutate(
      { portfolioId: portfolio.agentPortfolioId, tokenId: token.userTokenId, changes: { expiresAt: extendedExpiry(token, Date.now(), policy.maxTokenLifetimeDays) } },
      {
        onSuccess: () => toast.success(`Extended ${token.userTokenName} by ${span}`),
        onError: (error) => {
          const requestId = error instanceof ApiClientError && error.requestId ? ` (Request id: ${error.requestId})` : "";
          toast.error(`Could not extend ${token.userTokenName}: ${error.message}${requestId}`, { duration: 15_000 });
        },
      },
    );
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

function CleanUpButton({ item }: { item: ExpiryItem }) {
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

function Row({ item, action }: { item: ExpiryItem; action: ReactNode }) {
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

/**
 * Tokens that expire within 7 days (one-click Extend: same settings, a new expiry) and
 * tokens that have expired (listed for clean-up). Renders nothing when all is well.
 * Placed on /portfolios; other pages may place it too (it shares the list query).
 */
export function ExpiryBanner() {
  const list = usePortfolios();
  if (!list.data) return null;
  const { expiring, expired } = expiryAttention(list.data.agentPortfolios);
  if (!expiring.length && !expired.length) return null;
  return (
    <Alert role="region" aria-label="Token expiry" className="mb-4">
      <Clock aria-hidden />
      <AlertTitle className="line-clamp-none">
        {[
          expiring.length ? `${expiring.length} token${expiring.length === 1 ? "" : "s"} expire${expiring.length === 1 ? "s" : ""} within 7 days` : null,
          expired.length ? `${expired.length} expired token${expired.length === 1 ? "" : "s"} to clean up` : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </AlertTitle>
      <AlertDescription className="w-full">
        <ul className="mt-1 w-full space-y-1.5 text-sm">
          {expiring.map((item) => (
            <Row key={item.token.userTokenId} item={item} action={<ExtendButton item={item} />} />
          ))}
          {expired.map((item) => (
            <Row key={item.token.userTokenId} item={item} action={<CleanUpButton item={item} />} />
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}
