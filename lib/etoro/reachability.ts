import "server-only";
import { getConfig } from "@/lib/config";

/*
 * Whether eToro (or the sandbox) answers at all, for GET /api/health. The probe
 * sends no keys, so it spends nobody's quota; any HTTP answer counts as
 * reachable. A load balancer probes every few seconds; eToro need not hear
 * about each one, so the answer is remembered for PROBE_TTL_MS.
 */
export const PROBE_TTL_MS = 10_000;
const PROBE_TIMEOUT_MS = 3_000;

const globalForProbe = globalThis as unknown as { __apcUpstreamProbe?: { at: number; reachable: boolean } };

export async function upstreamReachable(now = Date.now()): Promise<boolean> {
  const last = globalForProbe.__apcUpstreamProbe;
  if (last && now - last.at < PROBE_TTL_MS) return last.reachable;
  let reachable = false;
  try {
    await fetch(`${getConfig().upstreamBaseUrl}/api/v1/agent-portfolios`, {
      method: "GET",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      cache: "no-store",
      redirect: "manual",
    });
    reachable = true;
  } catch {
    reachable = false;
  }
  globalForProbe.__apcUpstreamProbe = { at: now, reachable };
  return reachable;
}
