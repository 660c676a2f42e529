"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { ErrorBlock } from "@/components/common/error-block";
import { usePortfolios } from "@/components/portfolios/use-portfolios";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { BulkJobAsk } from "./bulk-job-dialog";
import { BulkJobDialog } from "./lazy-bulk-job-dialog";
import { KillSwitch } from "./kill-switch";
import { TokenFilterBar } from "./token-filter-bar";
import { filterAndSort, NO_FILTERS, toRows, type Sort, type SortKey, type TokenFilters } from "./token-table-model";
import { TokensTable } from "./tokens-table";

const SELECTED_WORDS = {
  freeze: { verb: "Freeze", action: "Freeze selected", consequence: "Each one that can trade is changed to read-only; Unfreeze puts its scopes back exactly." },
  revoke: { verb: "Revoke", action: "Revoke selected", consequence: "Each one stops working for good; agents using it are locked out." },
} as const;

function askSelected(kind: keyof typeof SELECTED_WORDS, tokenIds: string[]): BulkJobAsk {
  const words = SELECTED_WORDS[kind];
  const n = tokenIds.length;
  return {
    request: { kind, tokenIds },
    title: `${words.verb} ${n.toLocaleString("en-US")} selected token${n === 1 ? "" : "s"}?`,
    consequence: words.consequence,
    action: words.action,
  };
}

/**
 * /tokens: every token of the account, filtered and sorted in the browser (one list
 * read serves it all), selected, and acted on in bulk as server jobs.
 */
export function TokensScreen() {
  const { data, isPending, error, refetch } = usePortfolios();
  const [filters, setFilters] = useState<TokenFilters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>({ key: "risk", direction: "desc" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [ask, setAsk] = useState<BulkJobAsk | null>(null);
  // Typing in the search box stays responsive at 10,000 rows: the table follows a beat later.
  const deferredFilters = useDeferredValue(filters);

  const rows = useMemo(() => toRows(data?.agentPortfolios ?? []), [data]);
  const shown = useMemo(() => filterAndSort(rows, deferredFilters, sort), [rows, deferredFilters, sort]);
  // Only tokens still listed count as selected (a revoked one drops out by itself).
  const selectedIds = useMemo(() => rows.filter((r) => selected.has(r.token.userTokenId)).map((r) => r.token.userTokenId), [rows, selected]);

  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, direction: s.direction === "asc" ? "desc" : "asc" } : { key, direction: key === "risk" ? "desc" : "asc" }));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const toggleAll = () =>
    setSelected((s) => {
      const ids = shown.map((r) => r.token.userTokenId);
      const all = ids.length > 0 && ids.every((id) => s.has(id));
      const next = new Set(s);
      for (const id of ids) {
        if (all) next.delete(id);
        else next.add(id);
      }
      return next;
    });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Tokens</h1>
        <p className="text-sm text-muted-foreground">Every token of every portfolio in this account. Find the risky ones and act on many at once.</p>
      </div>
      <KillSwitch onAsk={setAsk} disabled={!data || rows.length === 0} />
      {error && <ErrorBlock title="Could not load your tokens" error={error} onRetry={() => refetch()} />}
      {isPending && <Skeleton className="h-64 w-full" />}
      {data && (
        <div className="space-y-3">
          <TokenFilterBar filters={filters} onChange={setFilters} hidden={rows.length - shown.length} />
          <div className="flex flex-wrap items-center gap-2" aria-live="polite">
            <p className="mr-auto text-sm text-muted-foreground" data-testid="token-count">
              {shown.length.toLocaleString("en-US")} of {rows.length.toLocaleString("en-US")} tokens
              {selectedIds.length > 0 && ` · ${selectedIds.length.toLocaleString("en-US")} selected`}
            </p>
            {selectedIds.length > 0 && (
              <>
                <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                  Clear selection
                </Button>
                {(["freeze", "revoke"] as const).map((kind) => (
                  <Button key={kind} size="sm" variant={kind === "revoke" ? "destructive" : "outline"} onClick={() => setAsk(askSelected(kind, selectedIds))}>
                    {SELECTED_WORDS[kind].action}
                  </Button>
                ))}
              </>
            )}
          </div>
          <TokensTable rows={shown} sort={sort} onSort={onSort} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
          {rows.length === 0 && <p className="text-sm text-muted-foreground">This account has no tokens. Mint one from Portfolios.</p>}
        </div>
      )}
      <BulkJobDialog ask={ask} onClose={() => setAsk(null)} onStarted={() => setSelected(new Set())} />
    </div>
  );
}
