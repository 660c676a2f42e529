"use client";

import { Info } from "lucide-react";
import { useId, type ReactNode } from "react";
import { useFormContext, useWatch, type FieldPath } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { boundaryLines, GATEWAY_ONLY_NOTE } from "@/lib/domain/boundary-words";
import { suggestedBoundaries } from "@/lib/domain/boundary-suggestions";
import { draftFromBoundaries, EMPTY_BOUNDARIES_DRAFT, type BoundariesDraft } from "@/lib/schemas/boundaries-form";
import { errorMessage } from "@/components/common/field-error";
import { FieldWarning } from "@/components/common/field-warning";
import { cn } from "@/lib/utils";
import { InstrumentPicker } from "./instrument-picker";
import type { TokenFormValues } from "./token-form";

type DraftText = "maxOrderUsd" | "maxLeverage" | "dailyBudgetUsd" | "weeklyBudgetUsd" | "requestsPerMinute" | "approvalAboveUsd";


/**
 * The Boundaries step of the mint wizard and section of the edit dialog: limits
 * per order, budgets per UTC day and week, instruments, trading hours, a request
 * rate, read-only, and when to ask a person first. Money is typed in dollars and
 * cents (the schema turns it into cents). Safe suggestions for the token's scopes
 * are offered, never imposed. `gatewayOnly`: whether eToro accepts the token only
 * from the gateway (null: not known) — when it is not, the boundaries can be
 * walked around, and the field says so.
 */
export function BoundariesField({ gatewayOnly, heading = "Boundaries" }: { gatewayOnly: boolean | null; heading?: string }) {
  const id = useId();
  const { control, register, setValue, formState } = useFormContext<TokenFormValues>();
  const scopeNames = useWatch({ control, name: "scopeNames" }) ?? [];
  const draft = useWatch({ control, name: "boundaryDraft" }) ?? EMPTY_BOUNDARIES_DRAFT;
  const errors = formState.errors.boundaryDraft;
  const suggestion = suggestedBoundaries(scopeNames);

  function set<K extends keyof BoundariesDraft>(key: K, value: BoundariesDraft[K]) {
    setValue(`boundaryDraft.${key}` as FieldPath<TokenFormValues>, value as never, { shouldValidate: true, shouldDirty: true, shouldTouch: true });
  }

  function acceptSuggestion() {
    // Keeps any instruments already chosen: the suggestion has none.
    const next = { ...draftFromBoundaries(suggestion.boundaries), instrumentsAllowed: draft.instrumentsAllowed, instrumentsRefused: draft.instrumentsRefused };
    setValue("boundaryDraft", next, { shouldValidate: true, shouldDirty: true, shouldTouch: true });
  }

  function text(key: DraftText, label: string, options: { money?: boolean; suffix?: string; help?: string } = {}) {
    const fieldId = `${id}-${key}`;
    const message = errorMessage(errors?.[key]);
    const described = [options.help && `${fieldId}-help`, message && `${fieldId}-error`].filter(Boolean).join(" ") || undefined;
    return (
      <div className="min-w-0 space-y-1">
        <Label htmlFor={fieldId}>{label}</Label>
        <div className="flex items-center gap-1.5">
          {options.money && (
            <span aria-hidden className="text-sm text-muted-foreground">
              $
            </span>
          )}
          <Input
            id={fieldId}
            inputMode={options.money ? "decimal" : "numeric"}
            autoComplete="off"
            placeholder="No limit"
            {...register(`boundaryDraft.${key}`)}
            aria-invalid={!!message}
            aria-describedby={described}
          />
          {options.suffix && <span className="text-sm whitespace-nowrap text-muted-foreground">{options.suffix}</span>}
        </div>
        {options.help && (
          <p id={`${fieldId}-help`} className="text-xs text-muted-foreground">
            {options.help}
          </p>
        )}
        {message && (
          <p id={`${fieldId}-error`} className="text-sm text-destructive">
            {message}
          </p>
        )}
      </div>
    );
  }

  return (
    <fieldset className="min-w-0 space-y-4">
      <legend className="text-sm font-medium">{heading}</legend>
      <p className="flex items-start gap-2 text-sm text-muted-foreground">
        <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>{GATEWAY_ONLY_NOTE} Leave a field empty for no limit.</span>
      </p>
      {gatewayOnly !== true && (
        <FieldWarning>
          {gatewayOnly === false
            ? "This token can go around the gateway: eToro accepts it from other addresses too, and calls made straight to eToro are not held to any of these boundaries."
            : "The gateway does not know whether eToro accepts this token only from it: calls made straight to eToro would not be held to these boundaries."}{" "}
          Only a gateway-only token is bound by them.
        </FieldWarning>
      )}

      <Suggestion title={suggestion.title} lines={boundaryLines(suggestion.boundaries)} onUse={acceptSuggestion} />

      <div className="grid gap-3 sm:grid-cols-2">
        {text("maxOrderUsd", "Most per order (USD)", { money: true, help: "An order's amount, or its units × the current rate." })}
        {text("maxLeverage", "Most leverage", { suffix: "×" })}
        {text("dailyBudgetUsd", "Daily budget (USD)", { money: true, help: "Most opened per UTC day; resets 00:00 UTC." })}
        {text("weeklyBudgetUsd", "Weekly budget (USD)", { money: true, help: "Most opened per UTC week; resets Monday 00:00 UTC." })}
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <InstrumentPicker list="instrumentsAllowed" label="Allowed instruments" help="Only these may be traded. None chosen: any instrument." />
        <InstrumentPicker list="instrumentsRefused" label="Refused instruments" help="Never these, whatever else allows them." />
      </div>

      <div className="space-y-2">
        <SwitchRow
          id={`${id}-hours`}
          checked={draft.hoursLimited}
          onChange={(v) => set("hoursLimited", v)}
          label="Only during trading hours (UTC)"
          help="Orders outside the window are refused. A window such as 22:00 to 06:00 runs across midnight."
        />
        {draft.hoursLimited && (
          <div className="flex flex-wrap gap-3 pl-11">
            <TimeInput id={`${id}-from`} label="From (UTC)" {...register("boundaryDraft.fromUtc")} error={errorMessage(errors?.fromUtc)} />
            <TimeInput id={`${id}-to`} label="To (UTC)" {...register("boundaryDraft.toUtc")} error={errorMessage(errors?.toUtc)} />
          </div>
        )}
      </div>

      <div className="grid gap-3 sm:grid-cols-2">{text("requestsPerMinute", "Requests per minute", { help: "Calls through the gateway; eToro's own limits apply as well." })}</div>

      <SwitchRow
        id={`${id}-readonly`}
        checked={draft.readOnly}
        onChange={(v) => set("readOnly", v)}
        label="Read-only at the gateway"
        help="Every order and other write is refused at the gateway, even if the token's eToro scopes allow trading."
      />

      <fieldset className="space-y-3 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">Ask me first</legend>
        <p className="text-xs text-muted-foreground">
          The gateway holds such an order and asks you on the Approvals page; the agent retries it once you approve.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">{text("approvalAboveUsd", "Ask me before orders above (USD)", { money: true })}</div>
        <CheckRow
          id={`${id}-every`}
          checked={draft.approvalEveryRealOrder}
          onChange={(v) => set("approvalEveryRealOrder", v)}
          label="Ask me before every real-money order"
        />
        <CheckRow
          id={`${id}-outside`}
          checked={draft.approvalOutsideList}
          onChange={(v) => set("approvalOutsideList", v)}
          label="Ask me instead of refusing an instrument outside the allowed list"
        />
      </fieldset>
      {errors?.root?.message && <p className="text-sm text-destructive">{errors.root.message}</p>}
    </fieldset>
  );
}

function Suggestion({ title, lines, onUse }: { title: string; lines: string[]; onUse: () => void }) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-dashed p-3 text-sm" aria-labelledby={`${id}-title`} role="group">
      <div className="min-w-0 space-y-1">
        <p id={`${id}-title`} className="font-medium">
          {title}
        </p>
        <ul className="list-disc space-y-0.5 pl-5 text-muted-foreground">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
      <Button type="button" variant="secondary" size="sm" onClick={onUse}>
        Use suggestions
      </Button>
    </div>
  );
}

function SwitchRow({ id, checked, onChange, label, help }: { id: string; checked: boolean; onChange: (v: boolean) => void; label: string; help: ReactNode }) {
  return (
    <div className="flex items-start gap-3">
      <Switch id={id} checked={checked} onCheckedChange={onChange} className="mt-0.5" aria-describedby={`${id}-help`} />
      <div className="space-y-0.5">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          {help}
        </p>
      </div>
    </div>
  );
}

function CheckRow({ id, checked, onChange, label }: { id: string; checked: boolean; onChange: (v: boolean) => void; label: string }) {
  return (
    <div className="flex items-start gap-2">
      <Checkbox id={id} checked={checked} onCheckedChange={(v) => onChange(v === true)} className="mt-0.5" />
      <Label htmlFor={id} className="leading-snug font-normal">
        {label}
      </Label>
    </div>
  );
}

function TimeInput({ id, label, error, ...field }: { id: string; label: string; error?: string } & ReturnType<ReturnType<typeof useFormContext<TokenFormValues>>["register"]>) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="time" step={60} className={cn("w-32")} {...field} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
