import { TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";

/** A warning beside the choice that causes it (not only on Review): a note, not an error, so nothing is blocked. */
export function FieldWarning({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} role="note" className="flex items-start gap-2 text-sm text-warning">
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        <span className="sr-only">Warning: </span>
        {children}
      </span>
    </p>
  );
}
