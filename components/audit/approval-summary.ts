import type { LedgerSnapshot } from "@/lib/db/schema/ledger-events";

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/** An approval event's after-snapshot in words: the order, the outcome and who decided; null for other events. */
export function approvalSummary(after: LedgerSnapshot | null): string | null {
  if (!after || typeof after.approvalId !== "string") return null;
  const order = text(after.order) ?? "an order";
  const who = text(after.decidedByLabel) ?? text(after.decidedBy);
  switch (after.decision) {
    case "approved":
      return `${order}: approved${who ? ` by ${who}` : ""}`;
    case "denied":
      return `${order}: denied${who ? ` by ${who}` : ""}${text(after.denialReason) ? ` (${after.denialReason})` : ""}`;
    case "expired":
      return `${order}: expired, nobody decided in time`;
    default:
      return `${order}${text(after.reason) ? `: ${after.reason}` : ""}`;
  }
}
