// A checked radio is its group's tab stop, even while Radix's roving focus still has every item at
// tabindex -1 (items register in effects, after the step that shows them has mounted).
const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]):not([aria-hidden="true"]):not([tabindex="-1"]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]):not([tabindex="-1"]):not([aria-hidden="true"]), [role="radio"][aria-checked="true"]:not([disabled]), [tabindex="0"]';

/**
 * Moves focus to the first invalid control inside `root` (or, with
 * `fallback`, the first focusable one); true when something got focus.
 * Radix radios and checkboxes are buttons, and their hidden bubble inputs
 * are skipped.
 */
export function focusFirst(root: HTMLElement | null, { invalidOnly = false } = {}): boolean {
  if (!root) return false;
  const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  let target: HTMLElement | null = null;
  if (invalid) target = invalid.matches(FOCUSABLE) ? invalid : invalid.querySelector<HTMLElement>(FOCUSABLE);
  if (!target && !invalidOnly) target = root.querySelector<HTMLElement>(FOCUSABLE);
  if (!target) return false;
  // Into view first (centred, so a sticky footer never hides it), then focus without a second jump.
  target.scrollIntoView?.({ block: "center" });
  target.focus({ preventScroll: true });
  return true;
}
