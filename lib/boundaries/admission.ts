/**
 * A token's boundaries as the gateway's admission step (`admit` in
 * lib/gateway/handler.ts), after the console policy (revoked, frozen, allow-list):
 *
 * - a token without boundaries is admitted at once, synchronously: no judging,
 *   no database;
 * - its own request rate, in memory (request-rate.ts);
 * - a write is judged in memory (judge.ts), with the instrument's rate from the
 *   shared cache when it is sized in units (rate-cache.ts);
 * - an order charged to a budget is reserved in the database before it is
 *   forwarded and given back when eToro refuses it (budget-store.ts);
 * - an order that needs a person is held (202 with an approval id) and goes
 *   through on the identical retry that names the approval once a person has
 *   approved it, using it up in the same transaction as its reservation
 *   (approval-gate.ts).
 *
 * Every refusal names its limit (the reason recorded in usage and the ledger),
 * with the order's value and what is left, in eToro's error shape.
 */
import type { LedgerDb } from "@/lib/db/open";
import type { Admission, GatewayRequest, Settlement } from "@/lib/gateway/handler";
import type { GatewayOperation } from "@/lib/gateway/operations";
import type { RegisteredToken } from "@/lib/gateway/token-registry";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { approvalStanding, holdForApproval, pendingFor, useApprovalWithin, type HeldOrder } from "./approval-gate";
import { BudgetFull, budgetsUsed, refundBudget, reserveBudget, reserveWithin, type BudgetOwner, type Reservation } from "./budget-store";
import { orderFingerprint } from "./fingerprint";
import { budgetRefusal, judge, needsRate, type BoundaryRefusal, type BudgetCharge } from "./judge";
import { orderTermsOf, type OrderTerms } from "./order-terms";
import { createRateCache, type RateCache } from "./rate-cache";
import { createRequestRate, type RequestRate } from "./request-rate";

export type BoundaryAdmissionOptions = {
  db: () => Promise<LedgerDb>;
  approvalTtlMinutes: number;
  rates?: RateCache;
  requestRate?: RequestRate;
  now?: () => Date;
  /** Told the kind of a background failure (a refund that could not be written); never a record. */
  onError?: (what: string, error: unknown) => void;
};

export type BoundaryAdmission = (token: RegisteredToken, operation: GatewayOperation, request: GatewayRequest) => Admission | Promise<Admission>;

const ADMIT: Admission = { ok: true };
/** How often an agent polling a pending approval is asked to come back. */
const POLL_SECONDS = 5;

function refusalOf(r: BoundaryRefusal): Admission {
  const figures = { limit: r.limit, valueUsdCents: r.valueCents ?? null, limitUsdCents: r.limitCents ?? null, leftUsdCents: r.leftCents ?? null };
  return {
    refuse: { status: r.status, code: r.code, message: r.message, details: { boundary: figures } },
    reason: r.limit,
    detail: figures,
  };
}

function approvalRefusal(reason: string, status: number, code: string, message: string): Admission {
  return { refuse: { status, code, message }, reason };
}

/** The gateway's own answer to an order held for a person; eToro never answers 202, so a usage record with it is a hold. */
export const HELD_FOR_APPROVAL_STATUS = 202;

function pendingAnswer(id: string, expiresAt: Date, reason: string): Admission {
  return {
    answer: {
      status: HELD_FOR_APPROVAL_STATUS,
      headers: { "x-approval-id": id, "retry-after": String(POLL_SECONDS) },
      body: {
        approvalId: id,
        status: "pending",
        expiresAt: expiresAt.toISOString(),
        message:
          `${reason} Nothing was sent to eToro. A person can approve or deny it on the console's Approvals page; ` +
          `then send the identical request again with the header x-approval-id: ${id} (before ${expiresAt.toISOString()}). ` +
          "While it waits, that retry answers 202 again.",
        retryWith: { header: "x-approval-id" },
      },
    },
  };
}

function ownerOf(token: RegisteredToken): BudgetOwner {
  return { account: token.account, userTokenId: token.userTokenId, userTokenName: token.userTokenName, agentPortfolioId: token.agentPortfolioId };
}

export function createBoundaryAdmission(options: BoundaryAdmissionOptions): BoundaryAdmission {
  const rates = options.rates ?? createRateCache();
  const requestRate = options.requestRate ?? createRequestRate();
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? (() => undefined);

  function settlerOf(reservation: Reservation): (outcome: Settlement) => Promise<void> {
    return async (outcome) => {
      // eToro answered with an error: the order was not placed. No answer at all: it may have been, so the budget keeps it.
      const placedOrMaybe = "status" in outcome ? outcome.status < 400 : outcome.maybeSent;
      if (placedOrMaybe) return;
      try {
        await refundBudget(await options.db(), reservation);
      } catch (error) {
        onError("budget refund", error);
      }
    };
  }

  async function reserve(token: RegisteredToken, valueCents: number, charges: BudgetCharge[]): Promise<Admission> {
    const reserved = await reserveBudget(await options.db(), ownerOf(token), valueCents, charges);
    if ("refusal" in reserved) return refusalOf(reserved.refusal);
    return { ok: true, settle: settlerOf(reserved.reservation) };
  }

  async function hold(
    token: RegisteredToken,
    operation: GatewayOperation,
    request: GatewayRequest,
    terms: OrderTerms,
    approval: { reason: string; valueCents: number | null; budgets: BudgetCharge[] },
  ): Promise<Admission> {
    const db = await options.db();
    const fingerprint = orderFingerprint(operation.operationId, request.params, request.order);
    const at = now();

    if (request.approvalId === null) {
      const waiting = await pendingFor(db, token.userTokenId, fingerprint, at);
      if (waiting) return pendingAnswer(waiting.id, waiting.expiresAt, waiting.reason);
      const used = await budgetsUsed(db, token.userTokenId, approval.budgets);
      const left: HeldOrder["budgetLeftUsdCents"] = { day: null, week: null };
      for (const budget of approval.budgets) {
        const spent = used.get(budget.period) ?? 0;
        left[budget.period] = Math.max(0, budget.limitCents - spent);
        // A person is not asked about an order the budget could not take anyway.
        if (approval.valueCents !== null && spent + approval.valueCents > budget.limitCents) return refusalOf(budgetRefusal(budget, approval.valueCents, spent));
      }
      const held = await holdForApproval(db, {
        token: ownerOf(token),
        fingerprint,
        reason: approval.reason,
        ttlMinutes: options.approvalTtlMinutes,
        requestId: request.requestId,
        clientAddress: request.clientAddress,
        now: at,
        order: {
          operationId: operation.operationId,
          environment: terms.environment,
          instrumentId: terms.instrumentId,
          symbol: terms.symbol,
          side: terms.side,
          amountUsd: terms.amountUsd,
          units: terms.units,
          leverage: terms.leverage,
          valueUsdCents: approval.valueCents,
          budgetLeftUsdCents: left,
        },
      });
      return pendingAnswer(held.id, held.expiresAt, approval.reason);
    }

    const standing = await approvalStanding(db, request.approvalId, token.userTokenId, fingerprint, at);
    switch (standing.state) {
      case "pending":
        return pendingAnswer(standing.id, standing.expiresAt, standing.reason);
      case "denied":
        return approvalRefusal("approval-denied", 403, "ApprovalDenied", `A person denied this order in the console: ${standing.reason ?? "no reason given"}. Do not send it again.`);
      case "expired":
        return approvalRefusal("approval-expired", 403, "ApprovalExpired", "This approval expired before the order was sent. Send the order without x-approval-id to ask a person again.");
      case "used":
        return approvalRefusal("approval-used", 409, "ApprovalUsed", "This approval was already used: an approval lets one order through once. Send a new order without x-approval-id to ask again.");
      case "other-order":
        return approvalRefusal(
          "approval-other-order",
          403,
          "ApprovalMismatch",
          "This approval is for a different order: it lets through only the identical request (same operation, path and body) it was asked for.",
        );
      case "unknown":
        return approvalRefusal("approval-unknown", 403, "ApprovalNotFound", "This token has no approval with that id. Send the order without x-approval-id to ask a person.");
      case "approved":
        break;
    }

    const approvalId = request.approvalId;
    try {
      const reservation = await db.transaction(async (tx) => {
        if (!(await useApprovalWithin(tx as unknown as LedgerDb, approvalId, token.userTokenId, fingerprint))) return null;
        return reserveWithin(tx as unknown as LedgerDb, ownerOf(token), approval.valueCents ?? 0, approval.valueCents === null ? [] : approval.budgets);
      });
      // Used by a retry racing this one, or expired this very moment.
      if (!reservation) return approvalRefusal("approval-used", 409, "ApprovalUsed", "This approval was already used or has just expired: send the order without x-approval-id to ask again.");
      return { ok: true, approvalId, settle: settlerOf(reservation) };
    } catch (error) {
      // The budget could not take it: the approval stays approved (the transaction rolled back), usable until it expires.
      if (error instanceof BudgetFull) return refusalOf(error.refusal);
      throw error;
    }
  }

  async function judged(token: RegisteredToken, b: TokenBoundaries, operation: GatewayOperation, request: GatewayRequest, terms: OrderTerms): Promise<Admission> {
    const rate = needsRate(b, terms) ? await rates.rateOf(terms.instrumentId, request.readUpstream) : null;
    return decide(token, b, operation, request, terms, rate);
  }

  function decide(
    token: RegisteredToken,
    b: TokenBoundaries,
    operation: GatewayOperation,
    request: GatewayRequest,
    terms: OrderTerms,
    rate: number | null,
  ): Admission | Promise<Admission> {
    const verdict = judge({ boundaries: b, terms, rate, now: now(), approved: false });
    if ("refuse" in verdict) return refusalOf(verdict.refuse);
    if ("approval" in verdict) return hold(token, operation, request, terms, verdict.approval);
    if (verdict.valueCents === null || verdict.budgets.length === 0) return ADMIT;
    return reserve(token, verdict.valueCents, verdict.budgets);
  }

  return function admitWithinBoundaries(token, operation, request) {
    const b = token.boundaries;
    if (b === null) return ADMIT;
    if (b.requestsPerMinute !== null) {
      const waitMs = requestRate.take(token.userTokenId, b.requestsPerMinute);
      if (waitMs > 0) {
        const retryAfterSeconds = Math.ceil(waitMs / 1000);
        return {
          refuse: {
            status: 429,
            code: "TooManyRequests",
            message: `This token may make ${b.requestsPerMinute} requests a minute through the gateway: try again in ${retryAfterSeconds} s.`,
            retryAfterSeconds,
            details: { boundary: { limit: "request-rate", requestsPerMinute: b.requestsPerMinute } },
          },
          reason: "request-rate",
          detail: { limit: "request-rate", requestsPerMinute: b.requestsPerMinute },
        };
      }
    }
    const terms = orderTermsOf(operation, request.order);
    if (!terms) return ADMIT;
    return needsRate(b, terms) ? judged(token, b, operation, request, terms) : decide(token, b, operation, request, terms, null);
  };
}
