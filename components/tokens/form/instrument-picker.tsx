"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiClientError } from "@/lib/api-client";
import { MAX_INSTRUMENTS } from "@/lib/schemas/boundaries";
import type { InstrumentChoice } from "@/lib/schemas/boundaries-form";
import { errorMessage } from "@/components/common/field-error";
import type { TokenFormValues } from "./token-form";
import { useInstrumentNames, useInstrumentSearch } from "@/components/common/use-instruments";

type ListName = "instrumentsAllowed" | "instrumentsRefused";

/**
 * One instrument list of the boundaries: search by symbol (eToro's catalogue,
 * through the console), pick from the results, and each chosen instrument is a
 * chip with its own remove button ("Remove AAPL from allowed instruments").
 */
export function InstrumentPicker({ list, label, help }: { list: ListName; label: string; help: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { control, setValue, formState } = useFormContext<TokenFormValues>();
  const chosen: InstrumentChoice[] = useWatch({ control, name: `boundaryDraft.${list}` }) ?? [];
  const names = useInstrumentNames(chosen.filter((c) => c.symbol.startsWith("#")).map((c) => c.instrumentId));
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  // A short pause before asking: one search per word typed, not per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const search = useInstrumentSearch(query);
  const lower = label.toLowerCase();
  const error = errorMessage(formState.errors.boundaryDraft?.[list]);
  const symbolOf = (c: InstrumentChoice) => (c.symbol.startsWith("#") ? (names.get(c.instrumentId) ?? c.symbol) : c.symbol);

  function update(next: InstrumentChoice[]) {
    setValue(`boundaryDraft.${list}`, next, { shouldValidate: true, shouldDirty: true, shouldTouch: true });
  }

  function add(choice: InstrumentChoice) {
    if (!chosen.some((c) => c.instrumentId === choice.instrumentId)) update([...chosen, choice]);
    setText("");
    setQuery("");
    inputRef.current?.focus();
  }

  function remove(instrumentId: number) {
    update(chosen.filter((c) => c.instrumentId !== instrumentId));
    inputRef.current?.focus();
  }

  const results = query.trim() ? (search.data?.instruments ?? []) : [];
  const full = chosen.length >= MAX_INSTRUMENTS;

  return (
    <div className="space-y-1.5">
      <Label htmlFor={`${id}-search`}>{label}</Label>
      <p id={`${id}-help`} className="text-xs text-muted-foreground">
        {help}
      </p>
      <Input
        id={`${id}-search`}
        ref={inputRef}
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder="Symbol, e.g. AAPL"
        value={text}
        disabled={full}
        onChange={(e) => setText(e.target.value)}
        // Enter picks the first result rather than moving the wizard on.
        onKeyDown={(e) => {
          if (e.key !== "Enter" || !text.trim()) return;
          e.preventDefault();
          if (results[0]) add({ instrumentId: results[0].instrumentId, symbol: results[0].symbol });
        }}
        aria-invalid={!!error}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
      />
      <div aria-live="polite" className="text-sm">
        {query.trim() && search.isFetching && results.length === 0 && <p className="text-muted-foreground">Searching…</p>}
        {query.trim() && search.isError && (
          <p className="text-destructive">
            Could not search instruments: {search.error instanceof ApiClientError ? search.error.message : "try again"}
          </p>
        )}
        {query.trim() && search.isSuccess && results.length === 0 && !search.isFetching && (
          <p className="text-muted-foreground">No instrument matches {query.trim()}. Try its ticker symbol.</p>
        )}
      </div>
      {results.length > 0 && (
        <ul aria-label={`Instruments matching ${query.trim()}`} className="flex max-h-40 flex-wrap gap-1.5 overflow-y-auto">
          {results.map((r) => {
            const taken = chosen.some((c) => c.instrumentId === r.instrumentId);
            return (
              <li key={r.instrumentId}>
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  disabled={taken}
                  onClick={() => add({ instrumentId: r.instrumentId, symbol: r.symbol })}
                  aria-label={`Add ${r.symbol}${r.name ? ` (${r.name})` : ""} to ${lower}`}
                >
                  <span className="font-mono">{r.symbol}</span>
                  {r.name && <span className="max-w-36 truncate text-muted-foreground">{r.name}</span>}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {chosen.length > 0 && (
        <ul aria-label={`${label} chosen`} className="flex flex-wrap gap-1.5">
          {chosen.map((c) => (
            <li key={c.instrumentId} className="flex items-center gap-1 rounded-md border bg-muted/40 py-0.5 pr-0.5 pl-2">
              <span className="font-mono text-sm">{symbolOf(c)}</span>
              <Button type="button" variant="ghost" size="icon-xs" aria-label={`Remove ${symbolOf(c)} from ${lower}`} onClick={() => remove(c.instrumentId)}>
                <X aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
