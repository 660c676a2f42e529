/**
 * The ledger's vocabulary of actions and outcomes. Apart from the table (lib/db/schema/ledger-events.ts: no database
 * imports) so the browser can offer them as filters.
 */
export const LEDGER_ACTIONS = [
  "session.login",
  "session.login_failed",
  "session.logout",
  "portfolio.create",
  "portfolio.delete",
  "token.mint",
  "token.update",
  "token.revoke",
  // A token eToro lists that this console never minted: recorded once, when first seen.
  "token.discovered",
  // Bulk jobs: who started one (with its targets), cancelled it or retried its failures.
  "job.create",
  "job.cancel",
  "job.retry",
  // The agent gateway: an order an agent placed through it, and every request it refused.
  "gateway.order",
  "gateway.refusal",
  // Risk boundaries: a token's boundaries changed (before → after).
  "token.boundaries",
  // Human approval of a held order: asked for by the gateway, then approved, denied or left to expire.
  "approval.request",
  "approval.approve",
  "approval.deny",
  "approval.expire",
  // Webhook endpoints an account registered or removed.
  "webhook.create",
  "webhook.delete",
  // A webhook endpoint paused, resumed, given other events or a new signing secret.
  "webhook.update",
] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

export const LEDGER_OUTCOMES = ["ok", "partial", "error"] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];
