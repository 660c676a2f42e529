import { getConfig } from "@/lib/config";
import { json } from "@/lib/bff/respond";
import { route } from "@/lib/bff/route";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers: is eToro (or the sandbox) reachable? It sends no
 * keys, so it spends nobody's quota; any HTTP answer counts as reachable.
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
  return json(
    { ok: reachable, mode: config.sandboxMode ? "sandbox" : "etoro", upstream: { reachable } },
    { status: reachable ? 200 : 503 },
  );
});
