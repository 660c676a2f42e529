"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatCents, instrumentWords, leverageWords, orderWords, sizeWords } from "@/lib/approvals/order-words";
import type { ApprovalView, BudgetLeft } from "@/lib/approvals/types";
import { cn } from "@/lib/utils";
import { timeLeftWords } from "./time-left";

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const PERIOD_WORDS = { day: "today", week: "this week" } as const;

/** Real money loud, demo quiet: the first thing to see before approving. */
export function EnvironmentBadge({ environment }: { environment: ApprovalView["order"]["environment"] }) {
  if (environment === "real") return <Badge className="border-transparent bg-destructive text-white dark:bg-destructive/70">Real money</Badge>;
  if (environment === "demo") return <Badge variant="outline" className="text-muted-foreground">Demo</Badge>;
  return <Badge variant="outline">Account unknown</Badge>;
}

function budgetWords(budget: BudgetLeft, value: number | null): string {
  const left = `${formatCents(budget.leftUsdCents)} of ${formatCents(budget.limitUsdCents)} left ${PERIOD_WORDS[budget.period]}`;
  if (value === null) return left;
  const after = budget.leftUsdCents - value;
  return after < 0 ? `${left} — this order is ${formatCents(-after)} over it` : `${left} (${formatCents(after)} after this order)`;
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

/**
 * One order waiting for the person: what it is in plain words, where it comes
 * from, what is left of the token's budget, how long it still waits, and
 * Approve / Deny named with the order for assistive technology.
 */
export function ApprovalCard({
  approval,
  portfolioName,
  now,
  busy,
  onApprove,
  onDeny,
}: {
  approval: ApprovalView;
  portfolioName: string | null;
  now: number;
  busy: boolean;
  onApprove: (button: HTMLElement) => void;
  onDeny: () => void;
}) {
  const { order } = approval;
  const words = orderWords(order);
  const titleId = `approval-${approval.id}`;
  const leftMs = Date.parse(approval.expiresAt) - now;
  return (
    <li aria-labelledby={titleId}>
      <Card className={cn("gap-3 p-4", order.environment === "real" && "border-destructive/50")}>
        <div className="flex flex-wrap items-center gap-2">
          <EnvironmentBadge environment={order.environment} />
          <h3 id={titleId} className="min-w-0 flex-1 text-base font-semibold break-words">
            {capitalised(words)}
          </h3>
          <span className={cn("text-sm tabular-nums", leftMs < 120_000 ? "font-medium text-destructive" : "text-muted-foreground")}>
            {leftMs > 0 ? `expires in ${timeLeftWords(leftMs)}` : "expiring now"}
          </span>
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
          <Fact term="Instrument">
            {instrumentWords(order)}
            {order.symbol && order.instrumentName ? <span className="text-muted-foreground"> · {order.instrumentName}</span> : null}
          </Fact>
          <Fact term="Side">{order.side ? capitalised(order.side) : "Not given"}</Fact>
          <Fact term={order.amountUsdCents !== null ? "Amount" : "Units"}>
            {sizeWords(order)}
            {order.units !== null && order.rate !== null ? <span className="text-muted-foreground"> at a rate of {order.rate}</span> : null}
          </Fact>
          <Fact term="Leverage">{leverageWords(order.leverage) ?? "Not given"}</Fact>
          <Fact term="Value">{order.valueUsdCents !== null ? formatCents(order.valueUsdCents) : "Not known"}</Fact>
          <Fact term="Token">
            <Link href={`/tokens/${approval.userTokenId}`} className="underline underline-offset-2 hover:text-foreground">
              {approval.userTokenName}
            </Link>
          </Fact>
          <Fact term="Portfolio">
            <Link href={`/portfolios/${approval.agentPortfolioId}`} className="underline underline-offset-2 hover:text-foreground">
              {portfolioName ?? "Open portfolio"}
            </Link>
          </Fact>
          <Fact term="Budget left">
            {approval.budgets.length === 0 ? "No budget set" : approval.budgets.map((b) => <span key={b.period} className="block">{budgetWords(b, order.valueUsdCents)}</span>)}
          </Fact>
        </dl>
        <p className="text-sm">
          <span className="text-muted-foreground">Why it waits: </span>
          {approval.reason}
        </p>
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="outline" className="h-11 sm:h-9" disabled={busy} aria-label={`Deny ${words}`} onClick={onDeny}>
            Deny
          </Button>
          <Button type="button" className="h-11 sm:h-9" disabled={busy} aria-label={`Approve ${words}`} onClick={(e) => onApprove(e.currentTarget)}>
            Approve
          </Button>
        </div>
      </Card>
    </li>
  );
}
