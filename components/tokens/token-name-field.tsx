"use client";

import { useId } from "react";
import { useFormContext } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { errorMessage, FieldError } from "./field-error";
import type { TokenFormValues } from "./token-form";

/** Token name: how people recognise the token later in lists and the audit log. */
export function TokenNameField() {
  const id = useId();
  const { register, formState } = useFormContext<TokenFormValues>();
  const error = errorMessage(formState.errors.userTokenName);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={`${id}-name`}>Token name</Label>
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
