/**
 * The gateway's own refusals, written the way eToro writes its errors
 * (`{errorCode, errorMessage}`, as in the agent-portfolio contract and the
 * sandbox), so an agent's eToro client reads them like any other eToro answer.
 * The trading spec's ProblemDetails schema allows these extra members, so the
 * body is valid under either contract.
 */
import type { ServerResponse } from "node:http";

export type EtoroErrorCode =
  | "NotFound"
  | "ValidationFailed"
  | "Unauthorized"
  | "Forbidden"
  | "TooManyRequests"
  | "PayloadTooLarge"
  | "UnsupportedMediaType"
  | "UpstreamUnavailable"
  | "UpstreamTimeout"
  | "ServiceUnavailable"
  | "InternalError";

/**
 * A refusal: the gateway's own codes, or whatever code the policy hook chose.
 * `details` become extra members of the body (a boundary's limit, value and
 * what is left), for agents that read fields rather than words.
 */
export type Refusal = {
  status: number;
  code: EtoroErrorCode | (string & {});
  message: string;
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
};

export function sendEtoroError(res: ServerResponse, refusal: Refusal, requestId: string | null): void {
  if (res.destroyed) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ errorCode: refusal.code, errorMessage: refusal.message, ...refusal.details });
  res.statusCode = refusal.status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(body));
  res.setHeader("cache-control", "no-store");
  if (requestId) res.setHeader("x-request-id", requestId);
  if (refusal.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(refusal.retryAfterSeconds));
  res.end(body);
}
