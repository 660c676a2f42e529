/**
 * How an edit of a token splits between eToro's IP whitelist and the gateway's
 * own allow-list. A gateway-only token's eToro whitelist is the gateway's egress
 * addresses and its agent's addresses are checked at the gateway; turning it on
 * moves the agent's addresses from eToro to the gateway, turning it off moves
 * them back (eToro then accepts the token from them directly).
 */
export type GatewayState = { gatewayOnly: boolean; agentIps: string[] };

export type GatewayEditPlan = {
  /** eToro's new whitelist; undefined leaves it as it is. */
  etoroIps: string[] | undefined;
  /** The registry's new state; undefined leaves it as it is. */
  registry: GatewayState | undefined;
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * `etoroIps`: the token's whitelist at eToro now. `registered`: the gateway's
 * registry row, null when the gateway does not know the token (it can then not
 * become gateway-only: its secret was never seen). `egress`: the gateway's
 * addresses, needed only to turn it on. "unknown-token" when it cannot be done.
 */
export function planGatewayEdit(
  etoroIps: readonly string[],
  registered: GatewayState | null,
  edit: { ipsWhitelist?: string[]; gatewayOnly?: boolean },
  egress: readonly string[] | null,
): GatewayEditPlan | "unknown-token" {
  const wasOn = registered?.gatewayOnly === true;
  const wantOn = edit.gatewayOnly ?? wasOn;
  if (wantOn && !registered) return "unknown-token";
  if (wantOn) {
    const agentIps = edit.ipsWhitelist ?? (wasOn ? registered!.agentIps : [...etoroIps]);
    const target = wasOn ? null : egress;
    return {
      etoroIps: target && !sameSet(etoroIps, target) ? [...target] : undefined,
      registry: !wasOn || edit.ipsWhitelist ? { gatewayOnly: true, agentIps } : undefined,
    };
  }
  const ips = edit.ipsWhitelist ?? (wasOn ? registered!.agentIps : undefined);
  return {
    etoroIps: ips && !sameSet(etoroIps, ips) ? ips : undefined,
    registry: wasOn ? { gatewayOnly: false, agentIps: [] } : undefined,
  };
}
