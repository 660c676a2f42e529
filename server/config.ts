/**
 * The runtime's own settings: where it listens, and what it gives the process
 * before Next starts. Every rule about the console's configuration (sandbox or
 * eToro mode, the session secret, TRUST_PROXY...) is lib/config.ts's, read here
 * once at start so a broken setting stops the server instead of its first request.
 */
import { readConfig, readGatewayConfig, type GatewayConfig, type ServerConfig } from "@/lib/config";

export type RuntimeConfig = {
  mode: "dev" | "start";
  port: number;
  /** The address to bind; undefined binds every interface. */
  hostname: string | undefined;
  sandboxPort: number;
  /** The console's configuration (lib/config.ts), checked before anything starts. */
  console: ServerConfig;
  /** The agent gateway's settings, checked at start like the rest (GATEWAY_TOKEN_SECRET...). */
  gateway: GatewayConfig;
};

export function readRuntimeConfig(mode: "dev" | "start", env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  // Next reads these itself: production for `npm start`, and no telemetry unless asked.
  if (mode === "start") Object.assign(env, { NODE_ENV: "production" });
  env.NEXT_TELEMETRY_DISABLED ??= "1";
  return {
    mode,
    port: Number(env.PORT || 3000),
    hostname: env.HOSTNAME || undefined,
    sandboxPort: Number(env.SANDBOX_PORT || 4010),
    console: readConfig(env),
    gateway: readGatewayConfig(env),
  };
}
