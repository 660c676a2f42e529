"use client";

import { memo, useEffect, useRef } from "react";
import Link from "next/link";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp } from "lucide-react";
import { RelativeTime } from "@/components/common/relative-time";
import { ScopeBadge } from "@/components/tokens/row/scope-badge";
import { RiskBadge, TokenStatusBadge } from "@/components/tokens/row/token-status-badge";
import { Checkbox } from "@/components/ui/checkbox";
import { Skeleton } from "@/components/ui/skeleton";
import { compareScopes } from "@/lib/domain/scopes";
import type { Sort, SortKey, TokenRowView } from "@/lib/domain/token-table";
import { canBypassGateway } from "@/lib/domain/token-usage";
import { shownIps } from "@/lib/domain/token-words";
import { BoundariesCell } from "@/components/tokens/boundaries/boundaries-cell";

const ROW_HEIGHT = 56;

const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: "portfolio", label: "Portfolio" },
  { key: "token", label: "Token" },
  { key: "lastUsed", label: "Last used" },
  { key: null, label: "Calls (24 h)" },
  { key: null, label: "Scopes" },
  { key: null, label: "Boundaries" },
  { key: null, label: "IPs" },
  { key: "expiry", label: "Expires" },
  { key: null, label: "Status" },
  { key: "risk", label: "Risk" },
  { key: "created", label: "Created" },
];

/**
 * Every matching token in one table, rendering only the rows on screen (plus a few),
 * so 10,000 tokens scroll as smoothly as 10. The rows come from the server a window
 * at a time: the table says which rows are on screen (`onVisible`) and draws a
 * placeholder for a row whose window has not arrived yet. Rows keep their place for
 * assistive technology through aria-rowcount / aria-rowindex.
 */
export function TokensTable({
  count,
  rowAt,
  onVisible,
  sort,
  onSort,
  selected,
  onToggle,
  allChecked,
  onToggleAll,
}: {
  /** How many tokens match (the table's length). */
  count: number;
  rowAt: (index: number) => TokenRowView | undefined;
  onVisible: (first: number, last: number) => void;
  sort: Sort;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (tokenId: string) => void;
  allChecked: boolean | "indeterminate";
  onToggleAll: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- read fresh on every render, never memoised
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Before the scroller can be measured (the server's render, hydration), draw the first rows.
    initialRect: { width: 0, height: ROW_HEIGHT * 10 },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => onVisible(first, last), [onVisible, first, last]);

  return (
    <div ref={scroller} className="max-h-[70vh] min-h-64 overflow-auto rounded-md border" data-testid="tokens-scroller">
      <table className="w-full min-w-[1480px] caption-bottom text-sm" aria-rowcount={count + 1}>
        <caption className="sr-only">Every token of the account</caption>
        <thead className="sticky top-0 z-10 bg-background shadow-[0_1px_0_var(--border)]">
          <tr aria-rowindex={1}>
            <th className="w-10 px-3 py-2 text-left">
              <Checkbox
                checked={allChecked}
                onCheckedChange={onToggleAll}
                aria-label={`Select all ${count.toLocaleString("en-US")} matching`}
                disabled={count === 0}
              />
            </th>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                className="px-3 py-2 text-left font-medium whitespace-nowrap text-muted-foreground"
                aria-sort={c.key && sort.key === c.key ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
              >
                {c.key ? (
                  <button type="button" className="inline-flex items-center gap-1 hover:text-foreground" onClick={() => onSort(c.key!)}>
                    {c.label}
                    {sort.key === c.key && (sort.direction === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden />)}
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden>
              <td colSpan={COLUMNS.length + 1} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const t = rowAt(item.index);
            if (!t) {
              return (
                <tr key={`loading-${item.index}`} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2} className="border-t">
                  <td colSpan={COLUMNS.length + 1} className="px-3 py-2">
                    <Skeleton className="h-8 w-full" />
                  </td>
                </tr>
              );
            }
            return <TokenRow key={t.id} t={t} index={item.index} selected={selected.has(t.id)} onToggle={onToggle} measure={virtualizer.measureElement} />;
          })}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td colSpan={COLUMNS.length + 1} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {count === 0 && <p className="p-6 text-center text-sm text-muted-foreground">No token matches these filters. Clear a filter to see more.</p>}
    </div>
  );
}

type RowProps = { t: TokenRowView; index: number; selected: boolean; onToggle: (tokenId: string) => void; measure: (el: Element | null) => void };

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A row re-renders only when what it shows changes: each search answers with new
 * objects, yet mostly the same tokens, so a keystroke redraws only the rows it moved.
 */
const sameRow = (a: RowProps, b: RowProps) =>
  a.index === b.index &&
  a.selected === b.selected &&
  a.onToggle === b.onToggle &&
  a.measure === b.measure &&
  (a.t === b.t ||
    (a.t.id === b.t.id &&
      a.t.name === b.t.name &&
      a.t.portfolioName === b.t.portfolioName &&
      a.t.secretHint === b.t.secretHint &&
      a.t.expiresAt === b.t.expiresAt &&
      a.t.createdAt === b.t.createdAt &&
      a.t.lastUsedAt === b.t.lastUsedAt &&
      a.t.calls24h === b.t.calls24h &&
      a.t.gatewayOnly === b.t.gatewayOnly &&
      a.t.status === b.t.status &&
      a.t.risk.level === b.t.risk.level &&
      sameList(a.t.risk.flags, b.t.risk.flags) &&
      sameList(a.t.scopeNames, b.t.scopeNames) &&
      sameList(a.t.ipsWhitelist, b.t.ipsWhitelist) &&
      sameList(a.t.agentIps, b.t.agentIps) &&
      JSON.stringify([a.t.boundaries, a.t.budget]) === JSON.stringify([b.t.boundaries, b.t.budget])));

/** eToro's list, or for a gateway-only token the agent's own addresses (eToro's list is then the gateway's). */
function IpsCell({ t }: { t: TokenRowView }) {
  const { label, ips } = shownIps(t);
  const prefix = t.gatewayOnly === true ? <span className="font-sans text-muted-foreground">{label}: </span> : null;
  if (!ips.length) return <span className="font-sans text-muted-foreground">{t.gatewayOnly === true ? `${label}: any` : "Any IP"}</span>;
  return (
    <>
      {prefix}
      {ips.join(", ")}
    </>
  );
}

const TokenRow = memo(function TokenRow({ t, index, selected, onToggle, measure }: RowProps) {
  const label = `${t.name} (${t.portfolioName})`;
  return (
    <tr
      data-index={index}
      ref={measure}
      aria-rowindex={index + 2}
      aria-label={`Token ${label}`}
      data-token-id={t.id}
      className="border-t align-middle hover:bg-muted/40 data-[selected=true]:bg-muted/60"
      data-selected={selected}
              >
      <td className="px-3 py-2">
        <Checkbox checked={selected} onCheckedChange={() => onToggle(t.id)} aria-label={`Select ${label}`} />
      </td>
      <td className="px-3 py-2 font-medium">{t.portfolioName}</td>
      <td className="px-3 py-2">
        <Link href={`/tokens/${t.id}`} aria-label={`Usage of ${t.name}`} className="font-medium underline-offset-2 hover:underline">
          {t.name}
        </Link>
        {t.secretHint && <span className="ml-2 font-mono text-xs text-muted-foreground">…{t.secretHint}</span>}
        {canBypassGateway(t) && (
          <span className="mt-0.5 block text-xs whitespace-nowrap text-amber-700 dark:text-amber-400" title="eToro accepts this token from outside the console's gateway: its calls are not all seen here.">
            Can go around the gateway
          </span>
        )}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : <span className="text-muted-foreground">Never</span>}</td>
      <td className="px-3 py-2 text-right tabular-nums">{t.calls24h.toLocaleString("en-US")}</td>
      <td className="px-3 py-2">
        <span className="flex flex-wrap gap-1">
          {[...t.scopeNames].sort(compareScopes).map((s) => (
            <ScopeBadge key={s} name={s} />
          ))}
        </span>
      </td>
      <td className="px-3 py-2">
        <BoundariesCell t={t} />
      </td>
      <td className="px-3 py-2 font-mono text-xs">
        <IpsCell t={t} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap">{t.expiresAt ? <RelativeTime iso={t.expiresAt} /> : "Never"}</td>
      <td className="px-3 py-2">
        <TokenStatusBadge status={t.status} />
      </td>
      <td className="px-3 py-2">
        {t.risk.level === "low" ? <span className="text-muted-foreground">Low</span> : <RiskBadge risk={t.risk} />}
      </td>
      <td className="px-3 py-2 whitespace-nowrap text-muted-foreground">{t.createdAt ? <RelativeTime iso={t.createdAt} /> : "—"}</td>
    </tr>
  );
}, sameRow);
