/**
 * Where focus should go when the list item holding `from` is about to
 * disappear (a revoked token's row): the next row's first action, else the
 * previous row's, else the heading of the section the list belongs to, so
 * keyboard users stay where they were instead of landing on <body>.
 */
export function focusTargetAfterRemoval(from: HTMLElement | null): HTMLElement | null {
  const row = from?.closest("li");
  if (!row) return null;
  const sibling = (row.nextElementSibling ?? row.previousElementSibling) as HTMLElement | null;
  const action = sibling?.querySelector<HTMLElement>("button:not([disabled])");
  if (action) return action;
  const heading = row.closest("section, [role=region]")?.querySelector<HTMLElement>("h1, h2, h3");
  // A heading takes focus from code only; -1 keeps it out of the tab order.
  if (heading && !heading.hasAttribute("tabindex")) heading.tabIndex = -1;
  return heading ?? null;
}
