"use client";

import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { Search } from "lucide-react";
import { ChoiceSelect } from "@/components/common/choice-select";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NO_FILTERS, type TokenFilters } from "@/lib/domain/token-table";

/** How long typing pauses before the table asks the server: a keystroke alone re-renders only the box. */
const SEARCH_DEBOUNCE_MS = 150;

type Flag = "writeOnly" | "noIpLimit" | "neverExpires" | "expiringSoon" | "expired" | "unused30d" | "canBypassGateway";

const FLAGS: { key: Flag; label: string }[] = [
  { key: "writeOnly", label: "Can trade (write)" },
  { key: "noIpLimit", label: "No IP limit" },
  { key: "neverExpires", label: "Never expires" },
  { key: "expiringSoon", label: "Expiring within 7 days" },
  { key: "expired", label: "Expired" },
  { key: "unused30d", label: "Unused for 30 days" },
  { key: "canBypassGateway", label: "Can go around the gateway" },
];

const RISKS = [
  ["any", "Any risk"],
  ["high", "High risk"],
  ["medium", "Medium risk"],
  ["low", "Low risk"],
] as const;
const ACCOUNTS = [
  ["any", "Real and demo"],
  ["real", "Real money"],
  ["demo", "Demo"],
] as const;

function FilterSelect<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
}) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <ChoiceSelect id={id} className="w-36" value={value} options={options} onValueChange={(v) => onChange(v as V)} />
    </div>
  );
}

/** The search box: its text is its own state, handed on once typing pauses. */
function SearchBox({ initial, onSearch }: { initial: string; onSearch: (query: string) => void }) {
  const [text, setText] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <div className="relative min-w-48 flex-1">
      <Label htmlFor="token-search" className="sr-only">
        Search
      </Label>
      <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
      <Input
        id="token-search"
        type="search"
        placeholder="Search names, scopes, IPs…"
        className="pl-8"
        value={text}
        onChange={(e) => {
          const query = e.target.value;
          setText(query);
          clearTimeout(timer.current);
          // An emptied box applies at once: no more typing to wait for, and those rows are usually cached already.
          if (!query.trim()) onSearch(query);
          else timer.current = setTimeout(() => onSearch(query), SEARCH_DEBOUNCE_MS);
        }}
      />
    </div>
  );
}

/** Search, risk, real/demo and the flag filters, with what they hide. */
export function TokenFilterBar({
  filters,
  onChange,
  hidden,
}: {
  filters: TokenFilters;
  onChange: Dispatch<SetStateAction<TokenFilters>>;
  hidden: number;
}) {
  // Updates apply to the latest filters: a search landing after a flag was ticked keeps the flag.
  const set = (patch: Partial<TokenFilters>) => onChange((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  // Clear filters empties the box too: a new box, not a synchronised one.
  const [searchBox, setSearchBox] = useState(0);
  return (
    <div className="space-y-3" role="search" aria-label="Filter tokens">
      <div className="flex flex-wrap items-end gap-3">
        <SearchBox key={searchBox} initial={filters.query} onSearch={(query) => set({ query })} />
        <FilterSelect id="filter-risk" label="Risk" value={filters.risk} options={RISKS} onChange={(risk) => set({ risk })} />
        <FilterSelect id="filter-account" label="Account" value={filters.account} options={ACCOUNTS} onChange={(account) => set({ account })} />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        {FLAGS.map(({ key, label }) => (
          <div key={key} className="flex items-center gap-2">
            <Checkbox id={`filter-${key}`} checked={filters[key]} onCheckedChange={(v) => set({ [key]: v === true })} />
            <Label htmlFor={`filter-${key}`} className="font-normal">
              {label}
            </Label>
          </div>
        ))}
        <span className="ml-auto text-muted-foreground" aria-live="polite" data-testid="hidden-count">
          {hidden > 0 ? `${hidden.toLocaleString("en-US")} hidden by filters` : "Nothing hidden"}
        </span>
        {filtered && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              onChange(NO_FILTERS);
              setSearchBox((n) => n + 1);
            }}
          >
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}
