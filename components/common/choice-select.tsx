"use client";

import { ChevronDownIcon } from "lucide-react";
import { lazy, Suspense, useState, type KeyboardEvent } from "react";
import { cn } from "@/lib/utils";

export type ChoiceSelectProps = {
  id: string;
  value: string;
  options: readonly (readonly [value: string, text: string])[];
  onValueChange: (value: string) => void;
  /** Classes for the trigger (its width). */
  className?: string;
};

const loadSelect = () => import("./choice-select-loaded");
const preload = () => void loadSelect().catch(() => {});
const ChoiceSelectLoaded = lazy(() => loadSelect().then((m) => ({ default: m.ChoiceSelectLoaded })));

// components/ui/select.tsx's SelectTrigger classes, so the stand-in looks exactly like the real trigger.
const TRIGGER =
  "border-input data-[placeholder]:text-muted-foreground [&_svg:not([class*='text-'])]:text-muted-foreground focus-visible:border-ring focus-visible:ring-ring/50 aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40 aria-invalid:border-destructive dark:bg-input/30 dark:hover:bg-input/50 flex w-fit items-center justify-between gap-2 rounded-md border bg-transparent px-3 py-2 text-sm whitespace-nowrap shadow-xs transition-[color,box-shadow] outline-none focus-visible:ring-[3px] disabled:cursor-not-allowed disabled:opacity-50 data-[size=default]:h-9 data-[size=sm]:h-8 *:data-[slot=select-value]:line-clamp-1 *:data-[slot=select-value]:flex *:data-[slot=select-value]:items-center *:data-[slot=select-value]:gap-2 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4";

/**
 * A filter's Radix select whose code (Radix Select, its focus trap, scroll lock and
 * positioning) loads on first use. Until then a stand-in trigger with the same look,
 * role and name shows the current choice; pressing it loads the real select and
 * mounts it open. It opens on click, not pointer down, so the release of that press
 * cannot land on an option of the freshly opened list.
 */
export function ChoiceSelect(props: ChoiceSelectProps) {
  const [wanted, setWanted] = useState(false);
  const { id, value, options, className } = props;
  const text = options.find(([v]) => v === value)?.[1] ?? "";
  const standIn = (interactive: boolean) => (
    <button
      type="button"
      role="combobox"
      id={id}
      aria-expanded={false}
      aria-controls={`${id}-options`}
      aria-autocomplete="none"
      data-slot="select-trigger"
      data-size="default"
      data-state="closed"
      className={cn(TRIGGER, className)}
      onPointerEnter={interactive ? preload : undefined}
      onFocus={interactive ? preload : undefined}
      onClick={interactive ? () => setWanted(true) : undefined}
      onKeyDown={
        interactive
          ? (e: KeyboardEvent) => {
              if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                setWanted(true);
              }
            }
          : undefined
      }
    >
      <span data-slot="select-value" style={{ pointerEvents: "none" }}>
        {text}
      </span>
      <ChevronDownIcon className="size-4 opacity-50" aria-hidden />
    </button>
  );
  if (!wanted) return standIn(true);
  return (
    <Suspense fallback={standIn(false)}>
      <ChoiceSelectLoaded {...props} />
    </Suspense>
  );
}
