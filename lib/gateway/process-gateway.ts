/**
 * This process's gateway, from its configuration: the process-wide database
 * (the same one the console's routes use), the token key, the egress address,
 * the upstream and the console's API key, with one JSON log line per request.
 */
import { getConfig, getGatewayConfig } from "@/lib/config";
import { getLedgerDb } from "@/lib/db/process-db";
import { openConsoleGateway, type ConsoleGateway } from "./console-gateway";
import { resolveEgress } from "./egress";
import { jsonLinesLog } from "./log";
import { gatewayTokenSecret } from "./token-key";

export async function openProcessGateway(): Promise<ConsoleGateway> {
  const config = getConfig();
  const gateway = getGatewayConfig();
  const egress = await resolveEgress({ sandboxMode: config.sandboxMode, egressIps: gateway.egressIps });
  return openConsoleGateway({
    db: getLedgerDb,
    tokenSecret: gatewayTokenSecret(gateway),
    upstreamBaseUrl: config.upstreamBaseUrl,
    apiKey: config.apiKey,
    egressAddress: egress.localAddress,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    usageRetentionDays: gateway.usageRetentionDays,
    approvalTtlMinutes: gateway.approvalTtlMinutes,
    trustProxy: config.trustProxy,
    log: jsonLinesLog(),
  });
}
