/**
 * Why the gateway refused a call, in words a person reads on the usage page and in
 * the account's webhooks. The codes are the gateway's own (usage records, metrics,
 * logs); a code this list does not know is shown as it is.
 */
const REFUSAL_WORDS: Record<string, string> = {
  // The token and its caller
  "unknown-token": "not a token this console minted",
  revoked: "the token is revoked",
  frozen: "the token is frozen",
  "agent-ip": "the caller's address is not on the token's allow-list",
  throttled: "too many requests",
  policy: "the console's policy refused it",
  // Risk boundaries
  "read-only": "the token is read-only at the gateway",
  "trading-hours": "outside the token's trading hours",
  "instrument-refused": "an instrument the token may not trade",
  "instrument-not-allowed": "an instrument not on the token's allowed list",
  "instrument-unnamed": "the order names no instrument",
  leverage: "leverage above the token's limit",
  "order-value-unknown": "the order's value could not be worked out",
  "rate-unavailable": "no rate to value the order",
  "order-limit": "above the token's most per order",
  "budget-day": "the daily budget is spent",
  "budget-week": "the weekly budget is spent",
  "request-rate": "above the token's request rate",
  // Approvals
  "approval-denied": "a person denied the order",
  "approval-expired": "the approval expired",
  "approval-used": "the approval was already used",
  "approval-unknown": "no such approval for this order",
  // The request itself
  "not-allowed": "a path the gateway does not offer",
  "bad-request-id": "a malformed x-request-id",
  "no-user-key": "no user key sent",
  "no-api-key": "no eToro API key configured",
  "body-too-large": "the body is too large",
  "bad-content-type": "the body is not JSON",
  "bad-body": "the body is not valid JSON",
  "bad-request": "a request eToro would not accept",
  // Upstream and the console
  "upstream-unavailable": "eToro could not be reached",
  "upstream-timeout": "eToro did not answer in time",
  "upstream-redirect": "eToro answered with a redirect",
  "state-unavailable": "the console's database was unavailable",
  internal: "an error in the gateway",
};

export function refusalWords(code: string): string {
  return REFUSAL_WORDS[code] ?? code;
}
