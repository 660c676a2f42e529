"use client";

import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp } from "lucide-react";
import { RelativeTime } from "@/components/common/relative-time";
import { ScopeBadge } from "@/components/portfolios/scope-badge";
import { RiskBadge, TokenStatusBadge } from "@/components/portfolios/token-status-badge";
import { Checkbox } from "@/components/ui/checkbox";
import { compareScopes } from "@/lib/domain/scopes";
import type { Sort, SortKey, TokenTableRow } from "./token-table-model";

const ROW_HEIGHT = 56;

const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: "portfolio", label: "Portfolio" },
  { key: "token", label: "Token" },
  { key: null, label: "Scopes" },
  { key: null, label: "IPs" },
  { key: "expiry", label: "Expires" },
  { key: null, label: "Status" },
  { key: "risk", label: "Risk" },
  { key: "created", label: "Created" },
];

/**
 * Every matching token in one table, rendering only the rows on screen (plus a few),
 * so 10,000 tokens scroll as smoothly as 10. Rows keep their place for assistive
 * technology through aria-rowcount / aria-rowindex.
 */
export function TokensTable({
  rows,
  sort,
  onSort,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: TokenTableRow[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (tokenId: string) => void;
  onToggleAll: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- read fresh on every render, never memoised
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const selectedHere = rows.reduce((n, r) => n + (selected.has(r.token.userTokenId) ? 1 : 0), 0);
  const allChecked = rows.length > 0 && selectedHere === rows.length ? true : selectedHere > 0 ? "indeterminate" : false;

  return (
    <div ref={scroller} className="max-h-[70vh] min-h-64 overflow-auto rounded-md border" data-testid="tokens-scroller">
      <table className="w-full min-w-[1040px] caption-bottom text-sm" aria-rowcount={rows.length + 1}>
        <caption className="sr-only">Every token of the account</caption>
        <thead className="sticky top-0 z-10 bg-background shadow-[0_1px_0_var(--border)]">
          <tr aria-rowindex={1}>
            <th className="w-10 px-3 py-2 text-left">
              <Checkbox
                checked={allChecked}
                onCheckedChange={onToggleAll}
                aria-label={`Select all ${rows.length.toLocaleString("en-US")} matching`}
                disabled={rows.length === 0}
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
            const row = rows[item.index];
            const t = row.token;
            const label = `${t.userTokenName} (${row.portfolioName})`;
            return (
              <tr
                key={t.userTokenId}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
                aria-label={`Token ${label}`}
                data-token-id={t.userTokenId}
                className="border-t align-middle hover:bg-muted/40 data-[selected=true]:bg-muted/60"
                data-selected={selected.has(t.userTokenId)}
              >
                <td className="px-3 py-2">
                  <Checkbox checked={selected.has(t.userTokenId)} onCheckedChange={() => onToggle(t.userTokenId)} aria-label={`Select ${label}`} />
                </td>
                <td className="px-3 py-2 font-medium">{row.portfolioName}</td>
                <td className="px-3 py-2">
                  <span className="font-medium">{t.userTokenName}</span>
                  {t.secretHint && <span className="ml-2 font-mono text-xs text-muted-foreground">…{t.secretHint}</span>}
                </td>
                <td className="px-3 py-2">
                  <span className="flex flex-wrap gap-1">
                    {[...t.scopeNames].sort(compareScopes).map((s) => (
                      <ScopeBadge key={s} name={s} />
                    ))}
                  </span>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{t.ipsWhitelist.length ? t.ipsWhitelist.join(", ") : <span className="font-sans text-muted-foreground">Any IP</span>}</td>
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
          })}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td colSpan={COLUMNS.length + 1} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-6 text-center text-sm text-muted-foreground">No token matches these filters. Clear a filter to see more.</p>}
    </div>
  );
}
