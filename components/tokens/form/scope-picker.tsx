"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { ErrorBlock } from "@/components/common/error-block";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { describeScope, REAL_WRITE, type ScopeInfo } from "@/lib/domain/scopes";
import { cn } from "@/lib/utils";
import { errorMessage, FieldError } from "@/components/common/field-error";
import { FieldWarning } from "@/components/common/field-warning";
import type { TokenFormValues } from "./token-form";
import { useScopes } from "@/components/tokens/use-scopes";

/** Risk at a glance: real-money trading loud, real-money read amber, demo quiet. */
function tone(scope: ScopeInfo) {
  if (scope.account === "real" && scope.access === "write") {
    return { box: "border-destructive/60", badge: "border-transparent bg-destructive text-white dark:bg-destructive/60" };
  }
  if (scope.account === "real") return { box: "border-warning/60", badge: "border-transparent bg-warning text-warning-foreground" };
  return { box: "", badge: "text-muted-foreground" };
}

function riskWords(scope: ScopeInfo): string {
  const account = scope.account === "real" ? "Real money" : scope.account === "demo" ? "Demo money" : "Unknown account";
  const access = scope.access === "write" ? "can trade" : scope.access === "read" ? "read only" : "unknown access";
  return `${account}, ${access}`;
}

/**
 * One checkbox per allowed scope, named by its label and raw scope name, with
 * what it lets an agent do. A scope the token holds that the catalogue lacks
 * (old or foreign) is listed too, so it can be removed. Picking real-money
 * trading warns at once.
 */
export function ScopePicker() {
  const id = useId();
  const scopes = useScopes();
  const { control, setValue, formState } = useFormContext<TokenFormValues>();
  const selected = useWatch({ control, name: "scopeNames" }) ?? [];
  const error = errorMessage(formState.errors.scopeNames);

  function toggle(name: string, on: boolean) {
    const next = on ? [...selected.filter((n) => n !== name), name] : selected.filter((n) => n !== name);
    setValue("scopeNames", next, { shouldValidate: true, shouldDirty: true, shouldTouch: true });
  }

  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : `${id}-help`}>
      <legend className="text-sm font-medium">Scopes</legend>
      <p id={`${id}-help`} className="text-sm text-muted-foreground">
        Grant only what the agent needs. Real-money trading is the most dangerous scope.
      </p>
      {scopes.isPending ? (
        <div role="status" className="space-y-2">
          <span className="sr-only">Loading scopes…</span>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      ) : scopes.isError ? (
        <ErrorBlock title="Could not load the scopes" error={scopes.error} onRetry={() => void scopes.refetch()} />
      ) : scopes.data.scopes.length === 0 && selected.length === 0 ? (
        <p className="text-sm text-muted-foreground">eToro allows no scopes for this account right now. Try again later.</p>
      ) : (
        <ul className="space-y-2">
          {[...scopes.data.scopes, ...selected.filter((n) => !scopes.data.scopes.some((s) => s.name === n)).map(describeScope)].map((scope) => {
            const t = tone(scope);
            const boxId = `${id}-${scope.name}`;
            return (
              <li key={scope.name} className={cn("flex items-start gap-3 rounded-md border p-3", t.box)}>
                <Checkbox
                  id={boxId}
                  className="mt-0.5"
                  checked={selected.includes(scope.name)}
                  onCheckedChange={(checked) => toggle(scope.name, checked === true)}
                  aria-invalid={!!error}
                  aria-describedby={`${boxId}-desc`}
                />
                <div className="min-w-0 space-y-1">
                  <Label htmlFor={boxId} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                    <span>{scope.label}</span>
                    <code className="text-xs font-normal break-all text-muted-foreground">{scope.name}</code>
                  </Label>
                  <p id={`${boxId}-desc`} className="text-sm text-muted-foreground">
                    <Badge variant="outline" className={cn("mr-1.5 font-normal", t.badge)}>
                      {riskWords(scope)}
                    </Badge>
                    {scope.description}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {selected.includes(REAL_WRITE) && (
        <FieldWarning>Real money: this token can open and close positions with your real money.</FieldWarning>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
