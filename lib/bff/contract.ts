/**
 * The BFF's browser-facing contract: for each route, what the browser sends and
 * what it gets back. Route handlers answer with `json<ResponseOf<K>>(…)` and the
 * browser calls `apiFetch(K, …)`, so renaming a field fails the type check on
 * both sides. Every route/method pair under app/api has its entry
 * (contract.test.ts enumerates them). Types only, apart from resolveRoute: safe to
 * import from client and server code alike.
 */
import type { ApprovalList, ApprovalView } from "@/lib/approvals/types";
import type { AdminPolicy } from "@/lib/domain/policy";
import type { ScopeInfo } from "@/lib/domain/scopes";
import type { TokenPage } from "@/lib/domain/token-table";
import type { TokenUsage } from "@/lib/domain/token-usage";
import type {
  CreatedPortfolioView,
  ExpirySummary,
  HealthView,
  MintedTokenView,
  PortfolioList,
  PortfolioPage,
  SessionListItem,
  SessionView,
} from "@/lib/domain/types";
import type { JobList, JobPlan, JobView } from "@/lib/jobs/types";
import type { ChainStatus } from "@/lib/ledger/chain-status";
import type { LedgerEventPage } from "@/lib/ledger/queries";
import type { TokenHistory } from "@/lib/ledger/token-history";
import type { DenyInput } from "@/lib/schemas/approval";
import type { JobRequestInput } from "@/lib/schemas/job";
import type { CreatePortfolioInput } from "@/lib/schemas/portfolio";
import type { SignInInput } from "@/lib/schemas/session";
import type { ChangeBoundariesInput, MintTokenInput, UpdateTokenRequest } from "@/lib/schemas/token";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import type { InstrumentInfo } from "@/lib/etoro/instruments";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/schemas/webhook";
import type { WebhookDeliveryView, WebhookEndpointView, WebhookSecretResult } from "@/lib/webhooks/types";

/** A create answers 201 with the first token's secret, or 207 when eToro made the portfolio only. */
export type CreatePortfolioResult = {
  portfolio: CreatedPortfolioView;
  /** The first token with its secret (201), or null when eToro made the portfolio only (207). */
  token: MintedTokenView | null;
  message?: string;
};

/** `message`: the token is minted but the gateway could not record it (roll it later); absent when all is well. */
export type MintTokenResult = { token: MintedTokenView; message?: string };

/** Whether this console can make gateway-only tokens (it knows its gateway's egress addresses); `reason` says why not. */
export type GatewayOnlyAvailability = { available: boolean; reason: string | null };

/** A plan (200, dryRun) or a plan with the job it started (201). */
export type JobStartResult = { plan: JobPlan; job?: JobView };

/** The ledger's CSV export: a download the browser opens as a link, not JSON. */
export type AuditCsv = string;

/** The gateway usage export: a CSV download too. */
export type UsageCsv = string;

/** `request: never` means the route takes no body; `response: void` means 204 No Content. */
export type BffContract = {
  "POST /api/session": { request: SignInInput; response: void };
  "GET /api/session": { request: never; response: SessionView };
  "DELETE /api/session": { request: never; response: void };
  "GET /api/portfolios": { request: never; response: PortfolioList };
  /** Query: `q` (search words), `offset`, `limit` (1–100); see portfolioPageQuerySchema. */
  "GET /api/portfolios/page": { request: never; response: PortfolioPage };
  "GET /api/portfolios/expiry": { request: never; response: ExpirySummary };
  "POST /api/portfolios": { request: CreatePortfolioInput; response: CreatePortfolioResult };
  "DELETE /api/portfolios/:portfolioId": { request: never; response: void };
  "POST /api/portfolios/:portfolioId/tokens": { request: MintTokenInput; response: MintTokenResult };
  "PATCH /api/portfolios/:portfolioId/tokens/:tokenId": { request: UpdateTokenRequest; response: void };
  "DELETE /api/portfolios/:portfolioId/tokens/:tokenId": { request: never; response: void };
  /** Replaces the token's boundaries at the gateway (eToro is not asked); the ledger keeps before → after. */
  "PUT /api/portfolios/:portfolioId/tokens/:tokenId/boundaries": { request: ChangeBoundariesInput; response: { boundaries: TokenBoundaries } };
  /** Query: `q` (a symbol to search for) or `ids` (comma-separated instrument ids); lib/schemas/instruments.ts. */
  "GET /api/instruments": { request: never; response: { instruments: InstrumentInfo[] } };
  /** Query: q, risk, account, the flags, sort, dir, offset, limit, ids (lib/schemas/token-query.ts). */
  "GET /api/tokens": { request: never; response: TokenPage };
  "GET /api/tokens/:tokenId/usage": { request: never; response: TokenUsage };
  /** Query: tokenId, portfolioId, from, to (lib/schemas/usage-export.ts). */
  "GET /api/usage/export": { request: never; response: UsageCsv };
  "GET /api/scopes": { request: never; response: { scopes: ScopeInfo[] } };
  "GET /api/client-ip": { request: never; response: { ip: string | null } };
  "GET /api/health": { request: never; response: HealthView };
  "GET /api/policy": { request: never; response: AdminPolicy };
  "GET /api/gateway-only": { request: never; response: GatewayOnlyAvailability };
  /** Query: the audit filters and `cursor` (lib/schemas/audit.ts). */
  "GET /api/audit": { request: never; response: LedgerEventPage };
  "GET /api/audit/chain": { request: never; response: ChainStatus };
  /** Query: the audit filters. */
  "GET /api/audit/export": { request: never; response: AuditCsv };
  "GET /api/portfolios/:portfolioId/history": { request: never; response: { tokens: TokenHistory[] } };
  /** Query: `active=1` for the jobs still queued or running. */
  "GET /api/jobs": { request: never; response: JobList };
  "POST /api/jobs": { request: JobRequestInput; response: JobStartResult };
  "GET /api/jobs/:jobId": { request: never; response: { job: JobView } };
  /** The body is an empty JSON object, like every mutation's. */
  "POST /api/jobs/:jobId/cancel": { request: Record<string, never>; response: { job: JobView } };
  "POST /api/jobs/:jobId/retry": { request: Record<string, never>; response: { job: JobView } };
  "GET /api/sessions": { request: never; response: { sessions: SessionListItem[] } };
  "DELETE /api/sessions": { request: never; response: void };
  "DELETE /api/sessions/:sessionId": { request: never; response: void };
  /** Query: `status` = pending | decided | all (lib/schemas/approval.ts). */
  "GET /api/approvals": { request: never; response: ApprovalList };
  /** The body is an empty JSON object. 409 when already decided or expired; 404 for another account's. */
  "POST /api/approvals/:approvalId/approve": { request: Record<string, never>; response: { approval: ApprovalView } };
  "POST /api/approvals/:approvalId/deny": { request: DenyInput; response: { approval: ApprovalView } };
  "GET /api/webhooks": { request: never; response: { endpoints: WebhookEndpointView[] } };
  /** 201 with the signing secret, once. */
  "POST /api/webhooks": { request: CreateWebhookInput; response: WebhookSecretResult };
  "PATCH /api/webhooks/:endpointId": { request: UpdateWebhookInput; response: { endpoint: WebhookEndpointView } };
  "DELETE /api/webhooks/:endpointId": { request: never; response: void };
  /** Roll secret: the new signing secret, once. */
  "POST /api/webhooks/:endpointId/secret": { request: Record<string, never>; response: WebhookSecretResult };
  "POST /api/webhooks/:endpointId/test": { request: Record<string, never>; response: { delivery: WebhookDeliveryView } };
  "GET /api/webhooks/:endpointId/deliveries": { request: never; response: { deliveries: WebhookDeliveryView[] } };
  "POST /api/webhooks/:endpointId/deliveries/:deliveryId/resend": { request: Record<string, never>; response: { delivery: WebhookDeliveryView } };
};

export type RouteKey = keyof BffContract;
export type RequestOf<K extends RouteKey> = BffContract[K]["request"];
export type ResponseOf<K extends RouteKey> = BffContract[K]["response"];

type PathOf<K extends RouteKey> = K extends `${string} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The `:name` segments of a route's path, each a string the caller must supply. */
export type ParamsOf<K extends RouteKey> = { [N in ParamNames<PathOf<K>>]: string };

/** "PATCH /api/portfolios/:portfolioId/tokens/:tokenId" → method and the path with its ids filled in (URL-encoded). */
export function resolveRoute<K extends RouteKey>(key: K, params: ParamsOf<K> | undefined): { method: string; path: string } {
  const space = key.indexOf(" ");
  const values = (params ?? {}) as Record<string, string>;
  const path = key.slice(space + 1).replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Missing route parameter ${name}`);
    return encodeURIComponent(value);
  });
  return { method: key.slice(0, space), path };
}
