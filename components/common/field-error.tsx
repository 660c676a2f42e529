/** The message of a react-hook-form error, including array fields whose errors sit on their items. */
export function errorMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const direct = (error as { message?: unknown }).message;
  if (typeof direct === "string" && direct) return direct;
  const root = (error as { root?: { message?: unknown } }).root?.message;
  if (typeof root === "string" && root) return root;
  if (Array.isArray(error)) {
    for (const item of error) {
      const message = errorMessage(item);
      if (message) return message;
    }
  }
  return undefined;
}

/** Inline error text under a field; the field points at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-destructive">
      {message}
    </p>
  );
}
