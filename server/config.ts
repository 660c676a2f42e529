/**
 * The runtime's own settings: where it listens, and what it gives the process
 * before Next starts. Every rule about the console's configuration (sandbox or
 * eToro mode, the session secret, TRUST_PROXY...) is lib/config.ts's, read here
 * once at start so a broken setting stops the server instead of its first request.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
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

/**
 * For `npm start`, the configuration Next's build wrote (.next/required-server-files.json),
 * handed over the way Next's own standalone server does (`__NEXT_PRIVATE_STANDALONE_CONFIG`).
 * Otherwise Next loads next.config.ts again, and a TypeScript config needs Next's SWC
 * compiler: about 30 MB of the server's memory and two threads, for the life of the
 * process, to read what the build has already resolved (headers included). Without a
 * build, or should a Next release stop reading the variable, Next loads next.config.ts
 * as before.
 */
function builtNextConfig(dir: string): Record<string, string> {
  const file = path.join(dir, ".next", "required-server-files.json");
  if (!existsSync(file)) return {};
  const built = JSON.parse(readFileSync(file, "utf8")) as { config: unknown };
  return { __NEXT_PRIVATE_STANDALONE_CONFIG: JSON.stringify(built.config) };
}

export function readRuntimeConfig(mode: "dev" | "start", env: NodeJS.ProcessEnv = process.env, dir: string = process.cwd()): RuntimeConfig {
  // Next reads these itself: production (and the built configuration) for `npm start`, and no telemetry unless asked.
  if (mode === "start") Object.assign(env, { NODE_ENV: "production", ...builtNextConfig(dir) });
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
