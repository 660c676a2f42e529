import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planGatewayEdit, type GatewayState } from "./gateway-only-edit";

const EGRESS = ["127.0.0.2"];
const AGENT = ["203.0.113.7"];
const on: GatewayState = { gatewayOnly: true, agentIps: AGENT };
const off: GatewayState = { gatewayOnly: false, agentIps: [] };

describe("an edit's gateway-only change", () => {
  it("turning it on: eToro's whitelist becomes the gateway's, the agent's addresses move to the gateway", () => {
    expect(planGatewayEdit(AGENT, off, { gatewayOnly: true }, EGRESS)).toEqual({ etoroIps: EGRESS, registry: { gatewayOnly: true, agentIps: AGENT } });
    // Addresses edited in the same change are the agent's.
    expect(planGatewayEdit(AGENT, off, { gatewayOnly: true, ipsWhitelist: ["198.51.100.1"] }, EGRESS)).toEqual({
      etoroIps: EGRESS,
      registry: { gatewayOnly: true, agentIps: ["198.51.100.1"] },
    });
  });

  it("turning it off: the agent's addresses go back to eToro, the gateway forgets them", () => {
    expect(planGatewayEdit(EGRESS, on, { gatewayOnly: false }, null)).toEqual({ etoroIps: AGENT, registry: { gatewayOnly: false, agentIps: [] } });
    // An agent allowed from anywhere at the gateway is allowed from anywhere at eToro.
    expect(planGatewayEdit(EGRESS, { gatewayOnly: true, agentIps: [] }, { gatewayOnly: false }, null)).toEqual({
      etoroIps: [],
      registry: { gatewayOnly: false, agentIps: [] },
    });
  });

  it("a gateway-only token's addresses are the gateway's to check: eToro's whitelist is left alone", () => {
    expect(planGatewayEdit(EGRESS, on, { ipsWhitelist: ["198.51.100.1"] }, null)).toEqual({
      etoroIps: undefined,
      registry: { gatewayOnly: true, agentIps: ["198.51.100.1"] },
    });
  });

  it("a token the gateway does not know cannot become gateway-only; its other edits go to eToro as before", () => {
    expect(planGatewayEdit(AGENT, null, { gatewayOnly: true }, EGRESS)).toBe("unknown-token");
    expect(planGatewayEdit(AGENT, null, { ipsWhitelist: ["198.51.100.1"] }, null)).toEqual({ etoroIps: ["198.51.100.1"], registry: undefined });
  });

  it("whatever the edit, a gateway-only result whitelists exactly the gateway at eToro, and an ordinary one never keeps agent addresses at the gateway", () => {
    const ip = fc.ipV4();
    const ips = fc.uniqueArray(ip, { maxLength: 4 });
    // As the registry keeps them: agent addresses only on a gateway-only token.
    const state = fc.option(fc.oneof(fc.constant(off), ips.map((agentIps): GatewayState => ({ gatewayOnly: true, agentIps }))), { nil: null });
    const edit = fc.record({ ipsWhitelist: fc.option(ips, { nil: undefined }), gatewayOnly: fc.option(fc.boolean(), { nil: undefined }) });
    fc.assert(
      fc.property(ips, state, edit, (etoroIps, registered, change) => {
        // A gateway-only token's eToro whitelist is the gateway's.
        const current = registered?.gatewayOnly ? EGRESS : etoroIps;
        const plan = planGatewayEdit(current, registered, change, EGRESS);
        if (plan === "unknown-token") return registered === null;
        const after = plan.registry ?? registered;
        const etoroAfter = plan.etoroIps ?? current;
        if (after?.gatewayOnly) expect(etoroAfter).toEqual(EGRESS);
        else expect(after?.agentIps ?? []).toEqual([]);
        return true;
      }),
    );
  });
});
