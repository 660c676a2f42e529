/**
 * Where the gateway calls eToro from. In sandbox mode it calls from a loopback
 * address of its own (127.0.0.2), so a gateway-only token's whitelist refuses
 * a direct call from anywhere else on the machine; some systems (macOS) have no
 * such address by default, and then the gateway falls back to 127.0.0.1 and
 * says that gateway-only enforcement is off. With the real API the operating
 * system picks the route; GATEWAY_EGRESS_IPS names the public addresses.
 */
import { createServer } from "node:net";

export type Egress = {
  /** The local address the gateway binds its upstream connections to; undefined lets the OS choose. */
  localAddress: string | undefined;
  /** A gateway-only token's eToro IP whitelist. */
  whitelist: string[];
};

/** Whether this machine can bind `address` as a local address. */
export function canBind(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(0, address, () => probe.close(() => resolve(true)));
  });
}

const KEY = Symbol.for("agent-portfolio-console.gateway-egress");
type EgressGlobal = typeof globalThis & { [KEY]?: Promise<Egress> };

/** Decided once per process (the mint route and the gateway must agree). */
export function resolveEgress(options: { sandboxMode: boolean; egressIps: string[]; warn?: (line: string) => void }): Promise<Egress> {
  const store = globalThis as EgressGlobal;
  store[KEY] ??= (async () => {
    if (!options.sandboxMode) return { localAddress: undefined, whitelist: options.egressIps };
    const [address] = options.egressIps;
    if (address && (await canBind(address))) return { localAddress: address, whitelist: options.egressIps };
    (options.warn ?? console.warn)(
      `gateway: cannot call from ${address ?? "a loopback address of its own"} on this machine, so it calls the sandbox from 127.0.0.1 and gateway-only enforcement is off in this sandbox.`,
    );
    return { localAddress: "127.0.0.1", whitelist: ["127.0.0.1"] };
  })();
  return store[KEY];
}
