import { readApprovalOrder } from "@/lib/approvals/order";
import { orderWords } from "@/lib/approvals/order-words";
import type { LedgerSnapshot } from "@/lib/db/schema/ledger-events";

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/** The order in words: as the decision recorded it, or from the plain fields the gateway recorded when it held it. */
function orderOf(order: unknown): string {
  if (typeof order === "string" && order !== "") return order;
  if (order && typeof order === "object" && !Array.isArray(order)) {
    const operationId = (order as { operationId?: unknown }).operationId;
    return orderWords(readApprovalOrder(order, typeof operationId === "string" ? operationId : ""));
  }
  return "an order";
}

/** An approval event's after-snapshot in words: the order, the outcome and who decided; null for other events. */
export function approvalSummary(after: LedgerSnapshot | null): string | null {
  if (!after || typeof after.approvalId !== "string") return null;
  const order = orderOf(after.order);
  const who = text(after.decidedByLabel) ?? text(after.decidedBy);
  const reason = text(after.reason);
  switch (after.decision) {
    case "approved":
      return `${order}: approved${who ? ` by ${who}` : ""}`;
    case "denied":
      return `${order}: denied${who ? ` by ${who}` : ""}${reason ? ` (${reason})` : ""}`;
    case "expired":
      return `${order}: expired, nobody decided in time`;
    default:
      // The gateway holding it: why it waits.
      return `${order}${reason ? `: ${reason}` : ""}`;
  }
}
