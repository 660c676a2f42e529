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

type Probe = { at: number; reachable: boolean };
const globalForProbe = globalThis as unknown as { __apcUpstreamProbes?: Map<string, Probe> };
const probes = (globalForProbe.__apcUpstreamProbes ??= new Map());

export async function upstreamReachable(baseUrl = getConfig().upstreamBaseUrl, now = Date.now()): Promise<boolean> {
  const last = probes.get(baseUrl);
  if (last && now - last.at < PROBE_TTL_MS) return last.reachable;
  let reachable = false;
  try {
    await fetch(`${baseUrl}/api/v1/agent-portfolios`, {
      method: "GET",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      cache: "no-store",
      redirect: "manual",
    });
    reachable = true;
  } catch {
    reachable = false;
  }
  probes.set(baseUrl, { at: now, reachable });
  return reachable;
}
