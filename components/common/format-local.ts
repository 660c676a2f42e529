const local = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The instant in the viewer's own time zone: "May 8, 2026, 2:03 PM". */
export function formatLocal(iso: string): string {
  return local.format(new Date(iso));
}
