/**
 * GET /api/v2/agent-portfolios/user-tokens/scopes: the allowed scope names.
 */
import type { RouteResult } from "../router";
import { SCOPE_NAMES } from "../scopes";

export function listAllowedScopes(): RouteResult {
  return { status: 200, body: { scopes: SCOPE_NAMES.map((name) => ({ name })) } };
}
