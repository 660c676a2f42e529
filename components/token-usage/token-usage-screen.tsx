"use client";

import { ArrowLeft, Download } from "lucide-react";
import Link from "next/link";
import { ErrorBlock } from "@/components/common/error-block";
import { RelativeTime } from "@/components/common/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { refusalWords } from "@/lib/domain/refusal-words";
import { canBypassGateway, type TokenUsage, type UsageChannel } from "@/lib/domain/token-usage";
import { UsageChart } from "./usage-chart";
import { UsageTable } from "./usage-table";
import { useTokenUsage } from "./use-token-usage";
import { BoundariesCard } from "@/components/tokens/boundaries/boundaries-card";

const count = (n: number) => n.toLocaleString("en-US");
const mono = (text: string) => <span className="font-mono text-xs">{text}</span>;
/** The reason in words, its code beside it (the code is what logs and metrics say). */
const reason = (code: string) =>
  refusalWords(code) === code ? (
    mono(code)
  ) : (
    <>
      {refusalWords(code)} <span className="font-mono text-xs text-muted-foreground">{code}</span>
    </>
  );
/** An operation, marked when an agent called it as a tool of the gateway's MCP server. */
const operation = (operationId: string, via: UsageChannel) => (
  <span className="inline-flex flex-wrap items-center gap-1.5">
    {mono(operationId)}
    {via === "mcp" ? (
      <Badge variant="outline" title="Called as a tool of the gateway's MCP server">
        MCP
      </Badge>
    ) : null}
  </span>
);

/**
 * /tokens/[id]: what agents did with one token through the gateway — when it was
 * last used, its calls by outcome over time, the operations and addresses, the
 * orders placed and the refusals with their reasons — and its usage as CSV.
 */
export function TokenUsageScreen({ tokenId }: { tokenId: string }) {
  const usage = useTokenUsage(tokenId);
  return (
    <div className="space-y-6">
      <Link href="/tokens" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        All tokens
      </Link>
      {usage.isPending ? (
        <div className="space-y-4" aria-busy="true" aria-label="Loading usage">
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-[220px] w-full" />
        </div>
      ) : usage.isError ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">Token usage</h1>
          <ErrorBlock title="Could not load this token's usage" error={usage.error} onRetry={() => void usage.refetch()} />
        </>
      ) : (
        <UsageView usage={usage.data} />
      )}
    </div>
  );
}

function UsageView({ usage }: { usage: TokenUsage }) {
  const calls = usage.totals.ok + usage.totals.failed + usage.totals.refused;
  const exportHref = `/api/usage/export?${new URLSearchParams({ tokenId: usage.userTokenId })}`;
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight break-all">Usage of {usage.userTokenName}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            {usage.agentPortfolioName ? (
              <Link href={`/portfolios/${usage.agentPortfolioId}`} className="underline-offset-2 hover:underline">
                {usage.agentPortfolioName}
              </Link>
            ) : (
              <span>A portfolio no longer listed</span>
            )}
            {canBypassGateway(usage) ? (
              <Badge variant="outline" className="border-amber-500/60 text-amber-700 dark:text-amber-400">
                Can go around the gateway
              </Badge>
            ) : (
              <Badge variant="secondary">Only through the console gateway</Badge>
            )}
          </p>
        </div>
        <Button asChild variant="outline" size="sm">
          <a href={exportHref} download>
            <Download aria-hidden />
            Export usage (CSV)
          </a>
        </Button>
      </header>

      <BoundariesCard boundaries={usage.boundaries} budget={usage.budget} gatewayOnly={usage.gatewayOnly} />

      <Card className="p-4">
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-muted-foreground">Last used</dt>
            <dd className="text-lg font-medium">{usage.lastUsedAt ? <RelativeTime iso={usage.lastUsedAt} /> : "Never"}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">OK</dt>
            <dd className="text-lg font-medium tabular-nums">{count(usage.totals.ok)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Failed upstream</dt>
            <dd className="text-lg font-medium tabular-nums">{count(usage.totals.failed)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Refused by the gateway</dt>
            <dd className="text-lg font-medium tabular-nums">{count(usage.totals.refused)}</dd>
          </div>
        </dl>
      </Card>

      {calls === 0 && !usage.lastUsedAt ? (
        <Card className="p-6 text-sm">
          <p className="font-medium">No agent has called through the gateway with this token yet — point it at {window.location.origin}/gateway</p>
          <p className="mt-1 text-muted-foreground">
            Set <code>ETORO_API_BASE_URL</code> to that address in the agent&apos;s settings; its calls, orders and refusals then
            appear here.
          </p>
        </Card>
      ) : (
        <>
          <Card className="p-4">
            <UsageChart usage={usage} />
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <UsageTable
              id="usage-operations"
              title="Operations used"
              columns={["Operation", "Calls", "Last"]}
              rows={usage.operations.map((o) => [operation(o.operationId, o.via), count(o.calls), <RelativeTime key="t" iso={o.lastAt} />])}
              empty="No operations recorded."
            />
            <UsageTable
              id="usage-addresses"
              title="Addresses seen"
              columns={["Address", "Calls", "Last seen"]}
              rows={usage.addresses.map((a) => [mono(a.address), count(a.calls), <RelativeTime key="t" iso={a.lastAt} />])}
              empty="No addresses recorded."
            />
          </div>
          <UsageTable
            id="usage-orders"
            title="Orders placed"
            columns={["Time", "Operation", "Instrument", "Side", "Amount / units", "Leverage", "Status", "Order / position", "Request id"]}
            rows={usage.orders.map((o) => [
              <RelativeTime key="t" iso={o.at} />,
              operation(o.operationId, o.via),
              o.instrument ?? "—",
              o.side ?? "—",
              o.amount !== null ? `$${o.amount.toLocaleString("en-US")}` : o.units !== null ? `${o.units} units` : "—",
              o.leverage ?? "—",
              o.status,
              mono(o.orderId ?? o.positionId ?? "—"),
              mono(o.requestId),
            ])}
            empty="No orders placed through the gateway."
          />
          <UsageTable
            id="usage-refusals"
            title="Refusals"
            columns={["Time", "Reason", "Operation", "From", "Request id"]}
            rows={usage.refusals.map((r) => [<RelativeTime key="t" iso={r.at} />, reason(r.reason), operation(r.operationId, r.via), mono(r.clientAddress), mono(r.requestId)])}
            empty="The gateway has refused nothing from this token."
          />
        </>
      )}
    </>
  );
}
