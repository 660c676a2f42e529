import { getConfig } from "@/lib/config";
import { json } from "@/lib/bff/respond";
import { route } from "@/lib/bff/route";
import { ledgerHealth } from "@/lib/ledger/record";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers: is eToro (or the sandbox) reachable, and is the
 * ledger writable? The upstream probe sends no keys, so it spends nobody's
 * quota; any HTTP answer counts as reachable, remembered for 10 s.
 */
// A load balancer probes every few seconds; eToro need not hear about each one.
const PROBE_TTL_MS = 10_000;
let lastProbe: { at: number; reachable: boolean } | null = null;

async function upstreamReachable(baseUrl: string): Promise<boolean> {
  if (lastProbe && Date.now() - lastProbe.at < PROBE_TTL_MS) return lastProbe.reachable;
  let reachable = false;
  try {
    await fetch(`${baseUrl}/api/v1/agent-portfolios`, { method: "GET", signal: AbortSignal.timeout(3_000), cache: "no-store" });
    reachable = true;
  } catch {
    reachable = false;
  }
  lastProbe = { at: Date.now(), reachable };
  return reachable;
}

export const GET = route(async () => {
  const config = getConfig();
  const [reachable, ledger] = await Promise.all([upstreamReachable(config.upstreamBaseUrl), ledgerHealth()]);
  const ok = reachable && ledger.writable;
  return json(
    { ok, mode: config.sandboxMode ? "sandbox" : "etoro", upstream: { reachable }, ledger },
    { status: ok ? 200 : 503 },
  );
});
