/**
 * An onOpenChange for a dialog whose request may return the only copy of a
 * secret: it refuses to close while the request is in flight, and clears the
 * finished mutation when it does close.
 */
export function guardCloseWhilePending(
  mutation: { isPending: boolean; reset: () => void },
  onOpenChange: (open: boolean) => void,
): (open: boolean) => void {
  return (next) => {
    if (!next && mutation.isPending) return;
    if (!next) mutation.reset();
    onOpenChange(next);
  };
}
