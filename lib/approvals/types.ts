/**
 * What the browser gets about approvals (GET /api/approvals) and the words it
 * needs for them. Types and constants only: safe for client and server code.
 * Never a key or a secret: ids, names, the order's plain fields and who decided.
 */
export const APPROVAL_STATUSES = ["pending", "approved", "denied", "expired", "used"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** `GET /api/approvals?status=`: the pending ones, the decided ones (newest first), or both. */
export const APPROVAL_LIST_FILTERS = ["pending", "decided", "all"] as const;
export type ApprovalListFilter = (typeof APPROVAL_LIST_FILTERS)[number];

/** The held order in plain fields, read from what the gateway stored (lib/approvals/order.ts). */
export type ApprovalOrder = {
  environment: "demo" | "real" | null;
  instrumentId: number | null;
  symbol: string | null;
  instrumentName: string | null;
  /** buy / sell (eToro's own word when it is another). */
  side: string | null;
  /** An Amount order's amount in US cents. */
  amountUsdCents: number | null;
  /** A units order's units. */
  units: number | null;
  /** The rate a units order was valued at. */
  rate: number | null;
  leverage: number | null;
  /** The order's value as the gateway judged it, in US cents. */
  valueUsdCents: number | null;
};

/** One budget period of the token, now: its limit, what is used and what is left (cents). */
export type BudgetLeft = { period: "day" | "week"; limitUsdCents: number; usedUsdCents: number; leftUsdCents: number };

export type ApprovalView = {
  id: string;
  status: ApprovalStatus;
  /** Why it waits, in the gateway's words (which rule). */
  reason: string;
  operationId: string;
  order: ApprovalOrder;
  userTokenId: string;
  userTokenName: string;
  agentPortfolioId: string;
  requestedAt: string;
  expiresAt: string;
  decidedAt: string | null;
  /** The account that decided (its short label, never a key); null while pending or when it expired. */
  decidedBy: string | null;
  /** Decided by the signed-in account (always, today: only an account decides its own approvals). */
  decidedByYou: boolean;
  denialReason: string | null;
  usedAt: string | null;
  /** The agent's x-request-id of the held request, to trace it in usage and the ledger. */
  requestId: string;
  /** The token's budgets now (pending approvals only; empty when it has none). */
  budgets: BudgetLeft[];
};

export type ApprovalList = {
  approvals: ApprovalView[];
  /** How many wait, whatever the filter: the header's badge. */
  pendingCount: number;
  /** The server's clock, so "expires in 9 min" does not depend on the phone's. */
  serverNow: string;
};

/** A denial's reason: what the agent is told (403) and the ledger keeps. */
export const DENIAL_REASON_MAX = 500;
