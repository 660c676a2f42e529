import type { MintTokenBody, UpdateTokenBody } from "@/lib/etoro/agent-portfolios";
import type { MintTokenRequest, UpdateTokenRequest } from "@/lib/schemas/token";

/** The token part of a v2 request: empty whitelist and "never" are sent as absent fields. */
export function toMintBody(input: MintTokenRequest): MintTokenBody {
  return {
    userTokenName: input.userTokenName,
    scopeNames: input.scopeNames,
    ...(input.ipsWhitelist.length ? { ipsWhitelist: input.ipsWhitelist } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
  };
}

export function toUpdateBody(input: UpdateTokenRequest): UpdateTokenBody {
  return {
    ...(input.scopeNames ? { scopeNames: input.scopeNames } : {}),
    ...(input.ipsWhitelist ? { ipsWhitelist: input.ipsWhitelist } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
  };
}
