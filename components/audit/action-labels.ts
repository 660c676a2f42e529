import type { LedgerAction, LedgerOutcome } from "@/lib/ledger/actions";

/** The ledger's actions in words, for the table and the filter. */
export const ACTION_LABELS: Record<LedgerAction, string> = {
  "session.login": "Signed in",
  "session.login_failed": "Sign-in refused",
  "session.logout": "Signed out",
  "portfolio.create": "Portfolio created",
  "portfolio.delete": "Portfolio deleted",
  "token.mint": "Token minted",
  "token.update": "Token changed",
  "token.revoke": "Token revoked",
  "token.discovered": "Token found (created outside this console)",
  "job.create": "Bulk job started",
  "job.cancel": "Bulk job cancelled",
  "job.retry": "Bulk job retried",
  "gateway.order": "Agent order (gateway)",
  "gateway.refusal": "Refused at the gateway",
  "token.boundaries": "Boundaries changed",
  "approval.request": "Approval asked for",
  "approval.approve": "Order approved",
  "approval.deny": "Order denied",
  "approval.expire": "Approval expired",
  "webhook.create": "Webhook added",
  "webhook.delete": "Webhook removed",
  "webhook.update": "Webhook changed",
};

export const OUTCOME_LABELS: Record<LedgerOutcome, string> = { ok: "Succeeded", partial: "Partly done", error: "Failed" };

export const actionLabel = (action: string) => ACTION_LABELS[action as LedgerAction] ?? action;
