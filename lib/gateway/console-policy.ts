/**
 * What the console decided about a token, applied at the gateway before eToro
 * is called (`admit`): revoked, frozen (writes only: reads still work), and the
 * agent's own address allow-list of a gateway-only token. Answers in eToro's
 * error shape with words that say the console did it and what to do.
 */
import ipaddr from "ipaddr.js";
import type { Refusal } from "./etoro-error";
import type { Admission, GatewayRequest } from "./handler";
import type { GatewayOperation } from "./operations";
import type { RegisteredToken } from "./token-registry";

export const REVOKED: Refusal = {
  status: 401,
  code: "Unauthorized",
  message: "This token was revoked in the console: mint a new one in the console and give it to your agent.",
};
export const FROZEN: Refusal = {
  status: 403,
  code: "Forbidden",
  message: "This token is frozen in the console: reads still work; unfreeze it in the console to trade again.",
};
export const NOT_ON_ALLOW_LIST: Refusal = {
  status: 403,
  code: "Forbidden",
  message: "This address is not on the token's agent allow-list in the console: add it to the token there, or call from an address on it.",
};

/** The caller's IPv4 address as eToro would write it (an IPv4-mapped IPv6 socket address unwrapped). */
function normalised(address: string): string {
  try {
    return ipaddr.process(address).toString();
  } catch {
    return address;
  }
}

export function consolePolicy(token: RegisteredToken, operation: GatewayOperation, request: GatewayRequest): Admission {
  if (token.revoked) return { refuse: REVOKED, reason: "revoked" };
  if (token.frozen && operation.write) return { refuse: FROZEN, reason: "frozen" };
  if (token.agentIps.length > 0 && !token.agentIps.includes(normalised(request.clientAddress))) return { refuse: NOT_ON_ALLOW_LIST, reason: "agent-ip" };
  return { ok: true };
}
