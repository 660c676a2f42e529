"use client";

import { useCallback, useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorBlock } from "@/components/common/error-block";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { DEFAULT_SORT, NO_FILTERS, tokenQueryString, type Sort, type SortKey, type TokenFilters, type TokenPage } from "@/lib/domain/token-table";
import type { BulkJobAsk } from "./bulk-job-dialog";
import { BulkJobDialog } from "./lazy-bulk-job-dialog";
import { KillSwitch } from "./kill-switch";
import { TokenFilterBar } from "./token-filter-bar";
import { TokensTable } from "./tokens-table";
import { matchingIdsQuery, useTokenPages } from "./use-token-pages";

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
 * /tokens: every token of the account, searched, filtered, sorted and paged by the
 * server (GET /api/tokens), so the browser holds only the rows on screen; selected
 * by id, and acted on in bulk as server jobs.
 */
export function TokensScreen({ initial = null }: { initial?: TokenPage | null }) {
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<TokenFilters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [ask, setAsk] = useState<BulkJobAsk | null>(null);
  const [visible, setVisible] = useState({ first: 0, last: 0 });
  // "Select all" shows its answer at once, before the matching ids arrive.
  const [selectingAll, setSelectingAll] = useState<{ query: string; checked: boolean } | null>(null);
  const [selectAllError, setSelectAllError] = useState<unknown>(null);

  const query = useMemo(() => tokenQueryString(filters, sort), [filters, sort]);
  const { head, rowAt } = useTokenPages(query, visible, initial);
  const data = head.data;
  const matched = data?.matched ?? 0;
  const total = data?.total ?? 0;
  // Whether every match is selected needs the matching ids: asked for only while something is selected.
  const matching = useQuery({ ...matchingIdsQuery(query), enabled: selected.size > 0 });
  const selectedHere = useMemo(() => (matching.data ?? []).reduce((n, id) => n + (selected.has(id) ? 1 : 0), 0), [matching.data, selected]);
  const allChecked =
    selectingAll?.query === query
      ? selectingAll.checked
      : selected.size > 0 && matching.data && selectedHere > 0
        ? selectedHere === matching.data.length || "indeterminate"
        : false;
  const selectedIds = useMemo(() => [...selected], [selected]);

  const onVisible = useCallback(
    (first: number, last: number) => setVisible((v) => (v.first === first && v.last === last ? v : { first, last })),
    [],
  );
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, direction: s.direction === "asc" ? "desc" : "asc" } : { key, direction: key === "risk" || key === "lastUsed" ? "desc" : "asc" }));
  // Stable, so rows the selection did not touch skip their re-render.
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const toggleAll = async () => {
    const checked = allChecked !== true;
    setSelectingAll({ query, checked });
    setSelectAllError(null);
    try {
      const ids = await queryClient.fetchQuery(matchingIdsQuery(query));
      setSelected((s) => {
        const next = new Set(s);
        for (const id of ids) {
          if (checked) next.add(id);
          else next.delete(id);
        }
        return next;
      });
    } catch (e) {
      setSelectAllError(e);
    } finally {
      setSelectingAll(null);
    }
  };

  // Made again only when their inputs change: an answer that moves only the rows leaves them be.
  const killSwitchOff = !data || total === 0;
  const killSwitch = useMemo(() => <KillSwitch onAsk={setAsk} disabled={killSwitchOff} />, [killSwitchOff]);
  const hidden = total - matched;
  const filterBar = useMemo(() => <TokenFilterBar filters={filters} onChange={setFilters} hidden={hidden} />, [filters, hidden]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Tokens</h1>
        <p className="text-sm text-muted-foreground">Every token of every portfolio in this account. Find the risky ones and act on many at once.</p>
      </div>
      {killSwitch}
      {head.error && <ErrorBlock title="Could not load your tokens" error={head.error} onRetry={() => head.refetch()} />}
      {selectAllError !== null && <ErrorBlock title="Could not select the matching tokens" error={selectAllError} />}
      {head.isPending && <Skeleton className="h-64 w-full" />}
      {data && (
        <div className="space-y-3">
          {filterBar}
          <div className="flex flex-wrap items-center gap-2" aria-live="polite">
            <p className="mr-auto text-sm text-muted-foreground" data-testid="token-count">
              {matched.toLocaleString("en-US")} of {total.toLocaleString("en-US")} tokens
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
          <TokensTable
            count={matched}
            rowAt={rowAt}
            onVisible={onVisible}
            sort={sort}
            onSort={onSort}
            selected={selected}
            onToggle={toggle}
            allChecked={allChecked}
            onToggleAll={() => void toggleAll()}
          />
          {total === 0 && <p className="text-sm text-muted-foreground">This account has no tokens. Mint one from Portfolios.</p>}
        </div>
      )}
      <BulkJobDialog ask={ask} onClose={() => setAsk(null)} onStarted={() => setSelected(new Set())} />
    </div>
  );
}
