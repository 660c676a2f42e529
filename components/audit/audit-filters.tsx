"use client";

import { useId, useState, type FormEvent } from "react";
import { ChoiceSelect } from "@/components/common/choice-select";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ACTION_LABELS, OUTCOME_LABELS } from "./action-labels";

export type AuditFilterValues = { action: string; outcome: string; portfolio: string; token: string; from: string; to: string };

const ALL = "all";
export const EMPTY_FILTER: AuditFilterValues = { action: "", outcome: "", portfolio: "", token: "", from: "", to: "" };

/** Form values ⇄ URL parameters. Days are UTC days: from its first to its last millisecond. */
export function filterToParams(v: AuditFilterValues): URLSearchParams {
  const p = new URLSearchParams();
  if (v.action) p.set("action", v.action);
  if (v.outcome) p.set("outcome", v.outcome);
  if (v.portfolio.trim()) p.set("portfolio", v.portfolio.trim());
  if (v.token.trim()) p.set("token", v.token.trim());
  if (v.from) p.set("from", `${v.from}T00:00:00.000Z`);
  if (v.to) p.set("to", `${v.to}T23:59:59.999Z`);
  return p;
}

export function paramsToFilter(p: URLSearchParams): AuditFilterValues {
  return {
    action: p.get("action") ?? "",
    outcome: p.get("outcome") ?? "",
    portfolio: p.get("portfolio") ?? "",
    token: p.get("token") ?? "",
    from: (p.get("from") ?? "").slice(0, 10),
    to: (p.get("to") ?? "").slice(0, 10),
  };
}

type ChoiceProps = { id: string; label: string; all: string; value: string; options: Record<string, string>; onChange: (v: string) => void };

/** One of a fixed set of values, or all of them. */
function ChoiceFilter({ id, label, all, value, options, onChange }: ChoiceProps) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <ChoiceSelect id={id} className="w-full" value={value || ALL} options={[[ALL, all], ...Object.entries(options)]} onValueChange={onChange} />
    </div>
  );
}

/** The audit filters: applied together with Apply filters, all dropped with Clear. */
export function AuditFilters({ value, onApply }: { value: AuditFilterValues; onApply: (v: AuditFilterValues) => void }) {
  const [draft, setDraft] = useState(value);
  const id = useId();
  const set = (key: keyof AuditFilterValues) => (v: string) => setDraft((d) => ({ ...d, [key]: v === ALL ? "" : v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form onSubmit={submit} aria-label="Audit filters" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(6,minmax(0,1fr))_auto]">
      <ChoiceFilter id={`${id}-action`} label="Action" all="All actions" value={draft.action} options={ACTION_LABELS} onChange={set("action")} />
      <ChoiceFilter id={`${id}-outcome`} label="Outcome" all="All outcomes" value={draft.outcome} options={OUTCOME_LABELS} onChange={set("outcome")} />
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-portfolio`}>Portfolio</Label>
        <Input id={`${id}-portfolio`} placeholder="Name or id" value={draft.portfolio} onChange={(e) => set("portfolio")(e.target.value)} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-token`}>Token</Label>
        <Input id={`${id}-token`} placeholder="Name or id" value={draft.token} onChange={(e) => set("token")(e.target.value)} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-from`}>From (UTC)</Label>
        <Input id={`${id}-from`} type="date" value={draft.from} onChange={(e) => set("from")(e.target.value)} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-to`}>To (UTC)</Label>
        <Input id={`${id}-to`} type="date" value={draft.to} onChange={(e) => set("to")(e.target.value)} />
      </div>
      <div className="col-span-2 flex items-end gap-2 sm:col-span-3 lg:col-span-1">
        <Button type="submit">Apply filters</Button>
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            setDraft(EMPTY_FILTER);
            onApply(EMPTY_FILTER);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
