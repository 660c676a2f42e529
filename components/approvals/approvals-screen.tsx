"use client";

import { useEffect, useState } from "react";
import { ErrorBlock } from "@/components/common/error-block";
import { focusTargetAfterRemoval } from "@/components/common/focus-after-removal";
import { toast } from "@/components/common/toast";
import { useInstrumentNames } from "@/components/common/use-instruments";
import { usePortfolios } from "@/components/common/use-portfolios";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { orderWords } from "@/lib/approvals/order-words";
import type { ApprovalView } from "@/lib/approvals/types";
import { ApprovalCard } from "./approval-card";
import { DecidedList } from "./decided-list";
import { DenyDialog } from "./lazy-deny-dialog";
import type { DenyTarget } from "./deny-dialog";
import { useApprovals, useDecide } from "./use-approvals";

const TICK_MS = 5_000;

/** The server's clock, moved on by the browser's: "expires in" is right even on a phone whose clock is off. */
function useServerClock(serverNow: string | undefined, receivedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return serverNow && receivedAt ? now + (Date.parse(serverNow) - receivedAt) : now;
}

/**
 * /approvals: the orders agents asked to place that wait for a person (soonest to
 * expire first), each approved or denied here, and below them the decided ones
 * with who decided and when. Polls every few seconds while the tab is visible.
 */
export function ApprovalsScreen() {
  const list = useApprovals();
  const portfolios = usePortfolios();
  const decide = useDecide();
  const [denying, setDenying] = useState<DenyTarget | null>(null);
  const now = useServerClock(list.data?.serverNow, list.dataUpdatedAt);
  const nameOf = (id: string) => portfolios.data?.agentPortfolios.find((p) => p.agentPortfolioId === id)?.agentPortfolioName ?? null;

  // An agent's order names its instrument by id; the person reads its symbol (one cached lookup for the page).
  const unnamed = (list.data?.approvals ?? []).flatMap((a) => (a.order.symbol === null && a.order.instrumentId !== null ? [a.order.instrumentId] : []));
  const symbols = useInstrumentNames(unnamed);
  const named = (a: ApprovalView): ApprovalView =>
    a.order.symbol !== null || a.order.instrumentId === null ? a : { ...a, order: { ...a.order, symbol: symbols.get(a.order.instrumentId) ?? null } };
  const approvals = (list.data?.approvals ?? []).map(named);
  const pending = approvals.filter((a) => a.status === "pending");
  const decided = approvals.filter((a) => a.status !== "pending");

  const approve = (approval: ApprovalView, button: HTMLElement) => {
    const words = orderWords(approval.order);
    const focusNext = focusTargetAfterRemoval(button);
    decide.mutate(
      { id: approval.id, decision: "approve" },
      {
        onSuccess: () => {
          toast.success(`Approved: ${words}`, { description: "The agent's next try with this approval goes through, once." });
          focusNext?.focus();
        },
        onError: (e) => toast.error(`Could not approve: ${words}`, { description: e.message }),
      },
    );
  };

  const deny = (reason: string) => {
    if (!denying) return;
    const target = denying;
    decide.mutate(
      { id: target.id, decision: "deny", reason },
      {
        onSuccess: () => {
          setDenying(null);
          toast.success(`Denied: ${target.words}`, { description: "The agent is told your reason." });
        },
      },
    );
  };

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Approvals</h1>
        <p className="text-sm text-muted-foreground">Orders your agents asked to place that a token&apos;s boundaries hold for you. Nothing is placed until you approve.</p>
      </header>

      {list.isPending ? (
        <div className="space-y-3" aria-busy="true" aria-label="Loading approvals">
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : list.isError ? (
        <ErrorBlock title="Could not load the approvals" error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <section aria-labelledby="approvals-pending" className="space-y-3">
            <h2 id="approvals-pending" className="text-lg font-semibold">
              Waiting for you{pending.length > 0 ? ` (${pending.length})` : ""}
            </h2>
            {pending.length === 0 ? (
              <Card className="gap-1 p-6 text-sm">
                <p className="font-medium">No orders are waiting for you.</p>
                <p className="text-muted-foreground">
                  When a token&apos;s boundaries hold an order for a person (above its approval amount, every real-money order, or outside its instrument
                  list), it appears here at once and in the header&apos;s badge. Set those rules in a token&apos;s boundaries on the Tokens page.
                </p>
              </Card>
            ) : (
              <ul className="space-y-3" aria-label="Orders waiting for approval">
                {pending.map((a) => (
                  <ApprovalCard
                    key={a.id}
                    approval={a}
                    portfolioName={nameOf(a.agentPortfolioId)}
                    now={now}
                    busy={decide.isPending && decide.variables?.id === a.id}
                    onApprove={(button) => approve(a, button)}
                    onDeny={() => {
                      decide.reset();
                      setDenying({ id: a.id, words: orderWords(a.order) });
                    }}
                  />
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="approvals-decided" className="space-y-3">
            <h2 id="approvals-decided" className="text-lg font-semibold">
              Decided
            </h2>
            {decided.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing decided yet. Approved, denied and expired orders are listed here with who decided and when.</p>
            ) : (
              <DecidedList approvals={decided} now={now} />
            )}
          </section>
        </>
      )}

      <DenyDialog
        target={denying}
        pending={decide.isPending}
        error={decide.variables?.decision === "deny" ? decide.error : null}
        onDeny={deny}
        onClose={() => setDenying(null)}
      />
    </div>
  );
}
