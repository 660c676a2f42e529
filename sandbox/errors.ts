/**
 * The sandbox's error vocabulary: every `{errorCode, errorMessage}` pair it can answer,
 * with the HTTP status that goes with it. Texts match the examples in
 * lib/etoro/openapi.json word for word; the others follow the same style. The trading
 * spec (lib/etoro/trading-openapi.json) gives no codes of its own, so its errors use the
 * same pairs; where it documents RFC 7807 ProblemDetails (the v2 operations), the pair
 * rides along as extension members of a problem body.
 */
import { STATUS_CODES } from "node:http";

/** An error the sandbox answers as `{errorCode, errorMessage}`; thrown by routes and rules. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorMessage: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${errorCode}: ${errorMessage}`);
    this.name = "ApiError";
  }

  toBody(): { errorCode: string; errorMessage: string } {
    return { errorCode: this.errorCode, errorMessage: this.errorMessage };
  }

  /** The same error as RFC 7807 ProblemDetails, the pair kept as extension members. */
  toProblem(): { title: string; status: number; detail: string; errorCode: string; errorMessage: string } {
    return { title: STATUS_CODES[this.status] ?? "Error", status: this.status, detail: this.errorMessage, ...this.toBody() };
  }
}

export const MESSAGES = {
  unauthorized: "Unauthorized",
  tooManyRequests: "Too many requests",
  globalError: "Global Error",
  requestIdInvalid: "x-request-id header must be a UUID",
  invalidJson: "Request body must be valid JSON",
  bodyNotObject: "Request body must be a JSON object",
  bodyTooLarge: "Request body is too large",
  nameLength: "Agent-portfolio name must be between 6 and 10 characters",
  nameExists: "Agent-portfolio name already exists",
  investmentBelowMinimum: "Investment amount is below the minimum threshold",
  invalidPortfolioId: "Invalid agent-portfolio ID",
  invalidTokenIds: "Invalid agent-portfolio ID or user token ID",
  portfolioNotFound: "Agent-portfolio not found",
  tokenNotFound: "User token not found",
  tokenNameExists: "UserKeyName already exists",
  maxTokens: "Maximum number of user tokens exceeded",
  scopeNameNotAllowed: "Scope name not allowed",
  scopeNamesRequired: "ScopeNames is required",
  scopeIdsRequired: "ScopeIds is required",
  scopeIdNotAllowed: "ScopeIds contains values not in the allowed set",
  invalidIp: "IpsWhitelist contains an invalid IPv4 address",
  noChanges: "At least one field must be provided",
  routeNotFound: "Resource not found",
  tokenExpired: "User token has expired",
  ipNotAllowed: "The caller's IP address is not in the user token's IP whitelist",
  instrumentNotFound: "Instrument not found",
  positionNotFound: "Position not found",
  orderNotFound: "Order not found",
  insufficientFunds: "Insufficient funds to open this position",
  orderNotCancellable: "The order has already been processed and cannot be cancelled",
  methodNotAllowed: "Method not allowed",
} as const;

export const apiErrors = {
  unauthorized: () => new ApiError(401, "Unauthorized", MESSAGES.unauthorized),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ApiError(429, "TooManyRequests", MESSAGES.tooManyRequests, {
      "retry-after": String(retryAfterSeconds),
    }),
  unhandled: (status = 500) => new ApiError(status, "UnhandledException", MESSAGES.globalError),
  validation: (message: string) => new ApiError(400, "ValidationFailed", message),
  portfolioNotFound: () => new ApiError(404, "NotFound", MESSAGES.portfolioNotFound),
  tokenNotFound: () => new ApiError(404, "NotFound", MESSAGES.tokenNotFound),
  routeNotFound: () => new ApiError(404, "NotFound", MESSAGES.routeNotFound),
  methodNotAllowed: (allow: readonly string[]) =>
    new ApiError(405, "MethodNotAllowed", MESSAGES.methodNotAllowed, { allow: allow.join(", ") }),
  tokenNameExists: () => new ApiError(409, "UserKeyNameAlreadyExists", MESSAGES.tokenNameExists),
  maxTokens: () => new ApiError(429, "MaxUserTokensExceeded", MESSAGES.maxTokens),
  /** v2 mint and patch answer 403; v2 create-portfolio (and v1 by name) answer 400. */
  scopeNameNotAllowed: (status: 400 | 403) =>
    new ApiError(status, "ScopeNameNotAllowed", MESSAGES.scopeNameNotAllowed),
  scopeNamesRequired: () => new ApiError(400, "ScopeIdsRequired", MESSAGES.scopeNamesRequired),
  scopeIdsRequired: () => new ApiError(400, "ScopeIdsRequired", MESSAGES.scopeIdsRequired),
  scopeIdNotAllowed: () => new ApiError(400, "ScopeIdNotAllowed", MESSAGES.scopeIdNotAllowed),
  invalidIp: () => new ApiError(400, "IpsWhitelistInvalidIp", MESSAGES.invalidIp),
  noChanges: () => new ApiError(400, "NoChangesDetected", MESSAGES.noChanges),
  tokenExpired: () => new ApiError(401, "Unauthorized", MESSAGES.tokenExpired),
  /** The trading spec's 403: "Forbidden - Insufficient permissions". */
  missingScope: (scope: string) => new ApiError(403, "Forbidden", `Insufficient permissions: the key lacks the ${scope} scope`),
  ipNotAllowed: () => new ApiError(403, "IpNotAllowed", MESSAGES.ipNotAllowed),
  instrumentNotFound: () => new ApiError(404, "NotFound", MESSAGES.instrumentNotFound),
  positionNotFound: () => new ApiError(404, "NotFound", MESSAGES.positionNotFound),
  orderNotFound: () => new ApiError(404, "NotFound", MESSAGES.orderNotFound),
  insufficientFunds: () => new ApiError(400, "InsufficientFunds", MESSAGES.insufficientFunds),
  leverageNotAllowed: (leverage: number, symbol: string, allowed: readonly number[]) =>
    new ApiError(400, "LeverageNotAllowed", `Leverage ${leverage} is not available for ${symbol}; allowed: ${allowed.join(", ")}`),
  orderNotCancellable: () => new ApiError(400, "OrderNotCancellable", MESSAGES.orderNotCancellable),
};
