import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiClientError } from "@/lib/api-client";

/**
 * Puts the BFF's per-field messages (keyed by request field name) on the
 * matching form fields. Returns the fields it set, in `order`, so the caller
 * can move to the first one; fields the form does not know are ignored.
 */
export function applyServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: unknown,
  order: readonly Path<T>[],
): Path<T>[] {
  if (!(error instanceof ApiClientError) || !error.fields) return [];
  const applied: Path<T>[] = [];
  for (const name of order) {
    const message = error.fields[name];
    if (!message) continue;
    setError(name, { type: "server", message });
    applied.push(name);
  }
  return applied;
}
