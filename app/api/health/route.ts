import { getConfig } from "@/lib/config";
import { json } from "@/lib/bff/respond";
import { route } from "@/lib/bff/route";
import { ledgerHealth } from "@/lib/ledger/record";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers: is eToro (or the sandbox) reachable, and is the
 * ledger writable? The upstream probe sends no keys, so it spends nobody's
 * quota; any HTTP answer counts as reachable.
 */
export const GET = route(async () => {
  const config = getConfig();
  let reachable = false;
  try {
    await fetch(`${config.upstreamBaseUrl}/api/v1/agent-portfolios`, {
      method: "GET",
      signal: AbortSignal.timeout(3_000),
      cache: "no-store",
    });
    reachable = true;
  } catch {
    reachable = false;
  }
  const ledger = await ledgerHealth();
  const ok = reachable && ledger.writable;
  return json(
    { ok, mode: config.sandboxMode ? "sandbox" : "etoro", upstream: { reachable }, ledger },
    { status: ok ? 200 : 503 },
  );
});
