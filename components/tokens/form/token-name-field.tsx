"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { errorMessage, FieldError } from "@/components/common/field-error";
import { DUPLICATE_NAME_MESSAGE, isTakenName, type TokenFormValues } from "./token-form";
import { useTokenFormSettings } from "./token-form-provider";

/**
 * Token name: how people recognise the token later in lists and the audit log.
 * A name the portfolio already uses is caught as it is typed (the list is
 * known), not after the whole form and a round trip.
 */
export function TokenNameField({ label = "Token name" }: { label?: string }) {
  const id = useId();
  const { takenNames } = useTokenFormSettings();
  const { register, control, formState } = useFormContext<TokenFormValues>();
  const name = useWatch({ control, name: "userTokenName" }) ?? "";
  const error = errorMessage(formState.errors.userTokenName) ?? (isTakenName(name, takenNames) ? DUPLICATE_NAME_MESSAGE : undefined);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={`${id}-name`}>{label}</Label>
      <Input
        id={`${id}-name`}
        autoComplete="off"
        spellCheck={false}
        placeholder="research-agent"
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : `${id}-help`}
        {...register("userTokenName")}
      />
      {error ? (
        <FieldError id={`${id}-error`} message={error} />
      ) : (
        <p id={`${id}-help`} className="text-sm text-muted-foreground">
          Unique within this portfolio. Name it after the agent that will use it.
        </p>
      )}
    </div>
  );
}
