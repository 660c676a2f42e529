"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { formatRelative, formatUtc } from "@/lib/format";
import { customToIso, EXPIRY_PRESETS, expiresAtFor, isExpiryPreset, toDateTimeLocal } from "./expiry-presets";
import { errorMessage, FieldError } from "./field-error";
import { formatLocal } from "./format-local";
import type { TokenFormValues } from "./token-form";
import { useNow } from "./use-now";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Expiry: seven presets; Custom opens a date-time picker. Shows the instant each choice means. */
export function ExpiryField() {
  const id = useId();
  const now = useNow();
  const { control, setValue, trigger, formState } = useFormContext<TokenFormValues>();
  const preset = useWatch({ control, name: "expiryPreset" });
  const custom = useWatch({ control, name: "customExpiry" }) ?? "";
  const error = errorMessage(formState.errors.expiresAt);

  function choose(value: string) {
    if (!isExpiryPreset(value)) return;
    setValue("expiryPreset", value, { shouldDirty: true });
    // Start Custom a month out so the picker opens on a sensible, valid date.
    if (value === "custom" && !custom) setValue("customExpiry", toDateTimeLocal(Date.now() + 30 * DAY_MS));
    if (formState.errors.expiresAt) void trigger("expiresAt");
  }

  const preview = preset === "never" ? null : preset === "custom" ? customToIso(custom) : expiresAtFor(preset, "", now);

  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${id}-error ${id}-result` : `${id}-result`}>
      <legend className="text-sm font-medium">Expiry</legend>
      <RadioGroup
        value={preset}
        onValueChange={choose}
        aria-label="Expiry"
        aria-invalid={!!error && preset !== "custom"}
        className="grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4"
      >
        {EXPIRY_PRESETS.map((p) => (
          <div key={p.value} className="flex items-center gap-2">
            <RadioGroupItem id={`${id}-${p.value}`} value={p.value} />
            <Label htmlFor={`${id}-${p.value}`} className="font-normal">
              {p.label}
            </Label>
          </div>
        ))}
      </RadioGroup>

      {preset === "custom" && (
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-custom`}>Custom expiry</Label>
          <Input
            id={`${id}-custom`}
            type="datetime-local"
            className="w-auto"
            min={toDateTimeLocal(now)}
            value={custom}
            onChange={(e) => {
              setValue("customExpiry", e.target.value, { shouldDirty: true });
              void trigger("expiresAt");
            }}
            aria-invalid={!!error}
            aria-describedby={error ? `${id}-error ${id}-result` : `${id}-result`}
          />
        </div>
      )}

      <FieldError id={`${id}-error`} message={error} />
      <p id={`${id}-result`} className="text-sm text-muted-foreground">
        {preset === "never" ? (
          "Never expires: it keeps working until someone revokes it."
        ) : preview ? (
          <>
            Expires <time dateTime={preview}>{formatUtc(preview)}</time> ({formatLocal(preview)} your time,{" "}
            {formatRelative(preview, now)})
            {preset !== "custom" && ", counted from the moment you submit"}.
          </>
        ) : (
          "Pick a date and time in the future."
        )}
      </p>
    </fieldset>
  );
}
