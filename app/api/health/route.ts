import type { ResponseOf } from "@/lib/bff/contract";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { getConfig } from "@/lib/config";
import { upstreamReachable } from "@/lib/etoro/reachability";
import { ledgerHealth } from "@/lib/ledger/record";

export const dynamic = "force-dynamic";

/** Readiness for load balancers: is eToro (or the sandbox) reachable, and is the ledger writable? */
export const GET = route(async () => {
  const config = getConfig();
  const [reachable, ledger] = await Promise.all([upstreamReachable(), ledgerHealth()]);
  const ok = reachable && ledger.writable;
  return json<ResponseOf<"GET /api/health">>(
    { ok, mode: config.sandboxMode ? "sandbox" : "etoro", upstream: { reachable }, ledger },
    { status: ok ? 200 : 503 },
  );
});
