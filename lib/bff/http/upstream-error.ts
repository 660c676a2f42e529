import { MAX_TOKENS_PER_PORTFOLIO, REQUESTS_PER_MINUTE } from "@/lib/domain/limits";
import { EtoroError } from "@/lib/etoro/errors";
import { ApiError } from "./api-error";

/**
 * Turns eToro's answers into errors a person can act on. Each documented
 * errorCode gets words that say what happened and what to do, the field it
 * belongs to (so forms can show it in place) and the upstream request id.
 */
export function fromEtoroError(e: EtoroError, options: { mutation?: boolean } = {}): ApiError {
  const requestId = e.requestId;
  const with_ = (fields?: Record<string, string>) => ({ requestId, ...(fields ? { fields } : {}) });
  // A change whose answer never arrived may still have happened upstream: retrying a
  // mint blindly would make a second token and lose the first secret.
  const unknownOutcome = options.mutation
    ? " eToro may or may not have made the change: check the list before you try again."
    : " Try again in a moment.";

  if (e.kind === "timeout") {
    return new ApiError(504, "UpstreamTimeout", `${e.message}${unknownOutcome}`, with_());
  }
  if (e.kind === "network") {
    return new ApiError(502, "UpstreamUnreachable", `The console could not reach eToro.${unknownOutcome}`, with_());
  }
  if (e.kind === "bad-response") {
    return new ApiError(502, "UpstreamBadResponse", `eToro sent a reply the console could not read.${unknownOutcome}`, with_());
  }
  if (e.status === 429 && e.errorCode !== "MaxUserTokensExceeded") {
    // Any 429 but the token cap is the quota, whether or not eToro's JSON body came through.
    const wait = e.retryAfterSeconds ?? 60;
    return new ApiError(429, "TooManyRequests", `eToro's limit of ${REQUESTS_PER_MINUTE} requests a minute is used up. Try again in ${wait} s.`, {
      ...with_(),
      retryAfterSeconds: wait,
    });
  }

  switch (e.errorCode) {
    case "Unauthorized":
      return new ApiError(401, "Unauthorized", "eToro did not accept this key. Check the user key (and API key) and sign in again.", with_());
    case "MaxUserTokensExceeded":
      // eToro answers 429, but waiting will not help: it is a cap, not a rate. 409 says so to clients.
      return new ApiError(409, "MaxUserTokensExceeded", `This portfolio already has ${MAX_TOKENS_PER_PORTFOLIO} tokens, the most eToro allows. Revoke one you no longer need, then try again.`, with_());
    case "UserKeyNameAlreadyExists":
      return new ApiError(409, "UserKeyNameAlreadyExists", "A token with this name already exists in this portfolio. Pick another name.", with_({ userTokenName: "A token with this name already exists in this portfolio." }));
    case "IpsWhitelistInvalidIp":
      return new ApiError(400, "IpsWhitelistInvalidIp", "eToro accepts only IPv4 addresses such as 203.0.113.7 in the IP whitelist.", with_({ ipsWhitelist: "Only IPv4 addresses such as 203.0.113.7." }));
    case "ScopeNameNotAllowed":
    case "ScopeIdNotAllowed":
      return new ApiError(e.status === 403 ? 403 : 400, e.errorCode, "eToro does not allow one of the chosen scopes. Pick scopes from the list.", with_({ scopeNames: "One of these scopes is not allowed." }));
    case "ScopeIdsRequired":
      return new ApiError(400, "ScopeIdsRequired", "Pick at least one scope.", with_({ scopeNames: "Pick at least one scope." }));
    case "NoChangesDetected":
      return new ApiError(400, "NoChangesDetected", "Nothing to save: change a scope, an IP or the expiry first.", with_());
    case "NotFound":
      return new ApiError(404, "NotFound", `${e.message}. It may have been deleted elsewhere; reload the list.`, with_());
    case "ValidationFailed":
      return validationFailed(e, requestId);
  }

  if (e.status >= 500) {
    return new ApiError(502, "UpstreamError", `eToro had a problem (HTTP ${e.status}).${unknownOutcome}`, with_());
  }
  if (e.status >= 400 && e.status < 500) {
    return new ApiError(e.status, e.errorCode, `eToro refused the request: ${e.message}`, with_());
  }
  return new ApiError(502, "UpstreamError", `eToro answered HTTP ${e.status}.`, with_());
}

function validationFailed(e: EtoroError, requestId: string): ApiError {
  const msg = e.message;
  const field = (name: string, text: string) => new ApiError(400, "ValidationFailed", text, { requestId, fields: { [name]: text } });
  if (/name must be between/i.test(msg)) return field("agentPortfolioName", "Portfolio name must be 6 to 10 characters.");
  if (/name already exists/i.test(msg)) return field("agentPortfolioName", "You already have a portfolio with this name.");
  if (/investment amount/i.test(msg)) return field("investmentAmountInUsd", "eToro's minimum investment is $200.");
  if (/expir/i.test(msg)) return field("expiresAt", "The expiry must be in the future.");
  if (/invalid agent-portfolio id|user token id/i.test(msg)) return new ApiError(400, "ValidationFailed", "That id is not valid.", { requestId });
  return new ApiError(400, "ValidationFailed", `eToro rejected the request: ${msg}`, { requestId });
}
