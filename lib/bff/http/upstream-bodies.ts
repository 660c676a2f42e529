import type { MintTokenBody, UpdateTokenBody } from "@/lib/etoro/agent-portfolios";
import type { MintTokenRequest, UpdateTokenRequest } from "@/lib/schemas/token";

/**
 * The token part of a v2 request: empty whitelist and "never" are sent as absent
 * fields. A gateway-only token's eToro whitelist is `gatewayWhitelist` (the
 * gateway's egress); the request's own list is then the agent's, kept by the console.
 */
export function toMintBody(input: MintTokenRequest, gatewayWhitelist?: string[]): MintTokenBody {
  const ips = input.gatewayOnly && gatewayWhitelist ? gatewayWhitelist : input.ipsWhitelist;
  return {
    userTokenName: input.userTokenName,
    scopeNames: input.scopeNames,
    ...(ips.length ? { ipsWhitelist: ips } : {}),
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
