/** What may keep a dialog open. */
export type CloseGuard = {
  /** Requests whose answer may carry the only copy of a secret, or a result the person must see; reset on close. */
  mutations?: readonly { isPending: boolean; reset: () => void }[];
  /** Mid-request in a way no single mutation shows (a flow of several requests). */
  busy?: boolean;
  /** A secret is on screen: Escape, an outside click or an X never close it, only the dialog's own Done. */
  holdsSecret?: boolean;
};

/**
 * The one guarded close of every dialog that may be mid-request or hold a
 * secret: an onOpenChange that refuses to close while a request is in flight
 * (closing then could drop the only copy of a secret, or hide an outcome) or
 * while a secret is shown, and clears the finished mutations when it closes.
 */
export function guardCloseWhilePending(guard: CloseGuard, onOpenChange: (open: boolean) => void): (open: boolean) => void {
  return (next) => {
    if (next) return onOpenChange(true);
    if (guard.holdsSecret || guard.busy || guard.mutations?.some((m) => m.isPending)) return;
    guard.mutations?.forEach((m) => m.reset());
    onOpenChange(false);
  };
}
