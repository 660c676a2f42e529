import "server-only";
/**
 * The process's secret box (secret-box.ts) under the server key: WEBHOOK_SECRET_KEY,
 * or, when unset, the gateway's token key (GATEWAY_TOKEN_SECRET, or the sandbox's
 * generated key file), which every instance already shares and which outlives
 * restarts, unlike a sandbox's random SESSION_SECRET. HKDF gives the box its own
 * key either way.
 */
import { getConfig, getGatewayConfig } from "@/lib/config";
import { gatewayTokenSecret } from "@/lib/gateway/token-key";
import { createSecretBox, type SecretBox } from "./secret-box";

const KEY = Symbol.for("agent-portfolio-console.webhook-secret-box");
type BoxGlobal = typeof globalThis & { [KEY]?: SecretBox };

export function serverSecretBox(): SecretBox {
  const store = globalThis as BoxGlobal;
  store[KEY] ??= createSecretBox(getConfig().webhooks.secretKey ?? gatewayTokenSecret(getGatewayConfig()));
  return store[KEY];
}
