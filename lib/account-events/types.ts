/**
 * What the console tells an account about (webhooks, and anything else that
 * listens): the event types and the data each carries. Apart from the table so
 * the browser can list them (the webhook settings page). Never a secret: ids,
 * names, amounts and reasons only.
 */
export const ACCOUNT_EVENT_TYPES = [
  "approval.requested",
  "budget.threshold",
  "order.refused",
  "token.minted",
  "token.frozen",
  "token.revoked",
  "token.expiring",
  "token.unused",
] as const;
export type AccountEventType = (typeof ACCOUNT_EVENT_TYPES)[number];

/** The token an event is about, as every event names it. */
export type EventToken = { userTokenId: string; userTokenName: string; agentPortfolioId: string };

export type AccountEventData = {
  "approval.requested": EventToken & { approvalId: string; reason: string; order: Record<string, unknown>; expiresAt: string };
  /** percent: 80 or 100 of the day's or week's budget. */
  "budget.threshold": EventToken & { period: "day" | "week"; percent: 80 | 100; usedUsdCents: number; budgetUsdCents: number };
  "order.refused": EventToken & { operationId: string; reason: string; requestId: string };
  "token.minted": EventToken;
  "token.frozen": EventToken;
  "token.revoked": EventToken;
  "token.expiring": EventToken & { expiresAt: string };
  "token.unused": EventToken & { lastUsedAt: string | null };
};

export type AccountEvent = { [T in AccountEventType]: { account: string; type: T; data: AccountEventData[T] } }[AccountEventType];
