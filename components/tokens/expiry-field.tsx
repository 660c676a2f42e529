"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { formatRelative, formatUtc } from "@/lib/format";
import { customToIso, EXPIRY_CHOICES, EXPIRY_PRESETS, expiresAtFor, isExpiryChoice, toDateTimeLocal, type ExpiryChoice, type ExpiryChoices } from "./expiry-presets";
import { errorMessage, FieldError } from "./field-error";
import { FieldWarning } from "./field-warning";
import { formatLocal } from "./format-local";
import type { TokenFormValues } from "./token-form";
import { useTokenFormSettings } from "./token-form-provider";
import { useNow } from "@/components/common/use-now";

const DAY_MS = 24 * 60 * 60 * 1000;

function keepLabel(current: string | null | undefined): string {
  return current ? `Keep current (expires ${formatRelative(current)})` : "Keep current (never expires)";
}

/**
 * Expiry: the presets the flow offers (`choices`: mint has Never; edit has
 * "Keep current" and no Never, since PATCH cannot remove an expiry; roll
 * always sets a fresh one). Custom opens a date-time picker. Shows the
 * instant each choice means, and warns at once when Never is picked.
 */
export function ExpiryField({ choices = "mint", legend = "Expiry" }: { choices?: ExpiryChoices; legend?: string }) {
  const id = useId();
  const now = useNow();
  const { before } = useTokenFormSettings();
  const { control, setValue, trigger, formState } = useFormContext<TokenFormValues>();
  const preset = useWatch({ control, name: "expiryPreset" });
  const custom = useWatch({ control, name: "customExpiry" }) ?? "";
  const error = errorMessage(formState.errors.expiresAt);
  const options = (EXPIRY_CHOICES[choices] as readonly ExpiryChoice[]).map((value) => ({
    value,
    label: value === "keep" ? keepLabel(before?.expiresAt) : EXPIRY_PRESETS.find((p) => p.value === value)!.label,
  }));

  function choose(value: string) {
    if (!isExpiryChoice(value)) return;
    setValue("expiryPreset", value, { shouldDirty: true });
    // Start Custom a month out so the picker opens on a sensible, valid date.
    if (value === "custom" && !custom) setValue("customExpiry", toDateTimeLocal(Date.now() + 30 * DAY_MS));
    if (formState.errors.expiresAt) void trigger("expiresAt");
  }

  const preview =
    preset === "keep" ? (before?.expiresAt ?? null) : preset === "never" ? null : preset === "custom" ? customToIso(custom) : expiresAtFor(preset, "", now);
  const describedBy = [error && `${id}-error`, `${id}-result`].filter(Boolean).join(" ");

  return (
    <fieldset className="space-y-3" aria-describedby={describedBy}>
      <legend className="text-sm font-medium">{legend}</legend>
      <RadioGroup
        value={preset}
        onValueChange={choose}
        aria-label={legend}
        aria-invalid={!!error && preset !== "custom"}
        className="grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4"
      >
        {options.map((p) => (
          <div key={p.value} className={p.value === "keep" ? "col-span-full flex items-center gap-2" : "flex items-center gap-2"}>
            <RadioGroupItem id={`${id}-preset-${p.value}`} value={p.value} />
            <Label htmlFor={`${id}-preset-${p.value}`} className="font-normal">
              {p.label}
            </Label>
          </div>
        ))}
      </RadioGroup>

      {preset === "custom" && (
        <div className="space-y-1.5">
          {/* Its own id and words: the radio is "Custom", this is the instant it stands for. */}
          <Label htmlFor={`${id}-custom-at`}>Expiry date and time</Label>
          <Input
            id={`${id}-custom-at`}
            type="datetime-local"
            className="w-auto"
            min={toDateTimeLocal(now)}
            value={custom}
            onChange={(e) => {
              setValue("customExpiry", e.target.value, { shouldDirty: true });
              void trigger("expiresAt");
            }}
            aria-invalid={!!error}
            aria-describedby={describedBy}
          />
        </div>
      )}

      <FieldError id={`${id}-error`} message={error} />
      <div id={`${id}-result`} className="text-sm text-muted-foreground">
        {preview === null && (preset === "never" || preset === "keep") ? (
          <FieldWarning>Never expires: it keeps working until someone revokes it, even if it leaks.</FieldWarning>
        ) : preview ? (
          <p>
            Expires <time dateTime={preview}>{formatUtc(preview)}</time> ({formatLocal(preview)} your time,{" "}
            {formatRelative(preview, now)})
            {preset !== "custom" && preset !== "keep" && ", counted from the moment you submit"}.
          </p>
        ) : (
          <p>Pick a date and time in the future.</p>
        )}
      </div>
    </fieldset>
  );
}
