import type { LedgerSnapshot } from "@/lib/db/schema/ledger-events";

const NAMES_SHOWN = 5;

/** A job event's after-snapshot in words: what it targets, or why it was cancelled; null for other events. */
export function jobSummary(after: LedgerSnapshot | null): string | null {
  if (!after || typeof after.jobId !== "string") return null;
  if (Array.isArray(after.targets)) {
    const names = after.targets.map((t) => (t && typeof t === "object" && !Array.isArray(t) ? String(t.tokenName ?? t.portfolioName ?? "?") : "?"));
    const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : "";
    return `${after.kind} of ${names.length}: ${names.slice(0, NAMES_SHOWN).join(", ")}${more}`;
  }
  if (after.cause === "sign-out") return "by sign-out";
  if (typeof after.items === "number") return `${after.items} failed item${after.items === 1 ? "" : "s"} again`;
  return null;
}
