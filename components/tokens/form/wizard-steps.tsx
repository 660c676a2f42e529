"use client";

import { Check } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * The step list: each step is a button (going forward validates the steps in
 * between), the current one marked with aria-current="step". On narrow
 * screens only the current step's label is shown; the others keep theirs for
 * screen readers.
 */
export function WizardSteps({
  steps,
  current,
  onSelect,
  disabled,
  label,
}: {
  steps: readonly string[];
  current: number;
  onSelect: (index: number) => void;
  disabled?: boolean;
  label: string;
}) {
  return (
    <nav aria-label={label}>
      <ol className="flex flex-wrap items-center gap-1">
        {steps.map((step, i) => {
          const isCurrent = i === current;
          const done = i < current;
          return (
            <li key={step}>
              <button
                type="button"
                onClick={() => onSelect(i)}
                disabled={disabled}
                aria-current={isCurrent ? "step" : undefined}
                className={cn(
                  "flex items-center gap-1.5 rounded-md px-1.5 py-1 text-xs outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:pointer-events-none disabled:opacity-50",
                  isCurrent ? "font-medium text-foreground" : "text-muted-foreground",
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    "flex size-5 items-center justify-center rounded-full border text-[0.7rem]",
                    isCurrent && "border-primary bg-primary text-primary-foreground",
                    done && "border-primary text-foreground",
                  )}
                >
                  {done ? <Check className="size-3" /> : i + 1}
                </span>
                <span className={cn(!isCurrent && "sr-only sm:not-sr-only")}>{step}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
