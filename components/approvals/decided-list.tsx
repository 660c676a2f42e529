"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { orderWords } from "@/lib/approvals/order-words";
import { formatRelative, formatUtc } from "@/lib/format";
import type { ApprovalStatus, ApprovalView } from "@/lib/approvals/types";
import { EnvironmentBadge } from "./approval-card";

const STATUS: Record<Exclude<ApprovalStatus, "pending">, { label: string; className: string }> = {
  approved: { label: "Approved", className: "bg-emerald-700 text-white" },
  used: { label: "Approved · placed", className: "bg-emerald-700 text-white" },
  denied: { label: "Denied", className: "bg-secondary text-secondary-foreground" },
  expired: { label: "Expired", className: "bg-secondary text-muted-foreground" },
};

function who(a: ApprovalView): string {
  if (a.status === "expired") return "nobody decided in time";
  if (!a.decidedBy) return "";
  return a.decidedByYou ? `by you (${a.decidedBy})` : `by ${a.decidedBy}`;
}

/** "2 minutes ago" on the page's own clock (the server's), "just now" for the last few seconds; the UTC instant on hover. */
function When({ iso, now }: { iso: string; now: number }) {
  const words = Math.abs(Date.parse(iso) - now) < 15_000 ? "just now" : formatRelative(iso, now);
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {words}
    </time>
  );
}

/** The decided ones, newest first: what, the outcome, who decided and when, a denial's reason. */
export function DecidedList({ approvals, now }: { approvals: ApprovalView[]; now: number }) {
  return (
    <ul className="divide-y rounded-md border" aria-label="Decided approvals">
      {approvals.map((a) => {
        const status = STATUS[a.status as Exclude<ApprovalStatus, "pending">] ?? STATUS.expired;
        const words = orderWords(a.order);
        return (
          <li key={a.id} className="grid gap-1 px-3 py-2 text-sm" aria-label={`${status.label}: ${words}`}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge className={`border-transparent ${status.className}`}>{status.label}</Badge>
              <EnvironmentBadge environment={a.order.environment} />
              <span className="min-w-0 flex-1 font-medium break-words">{words.charAt(0).toUpperCase() + words.slice(1)}</span>
            </div>
            <p className="text-muted-foreground">
              <Link href={`/tokens/${a.userTokenId}`} className="underline underline-offset-2 hover:text-foreground">
                {a.userTokenName}
              </Link>
              {" · "}
              {status.label.split(" ")[0]} {who(a)}
              {a.decidedAt ? (
                <>
                  {" "}
                  <When iso={a.decidedAt} now={now} />
                </>
              ) : null}
              {a.usedAt ? (
                <>
                  {" · the agent placed it "}
                  <When iso={a.usedAt} now={now} />
                </>
              ) : null}
            </p>
            {a.denialReason && <p>Reason: {a.denialReason}</p>}
          </li>
        );
      })}
    </ul>
  );
}
