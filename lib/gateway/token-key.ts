/**
 * The server secret the gateway's token hash is keyed by: GATEWAY_TOKEN_SECRET,
 * or in sandbox mode on PGlite a random key made once and kept in a file beside
 * the PGlite directory (mode 0600), so it outlives restarts yet a copy of the
 * database alone never holds it.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GatewayConfig } from "@/lib/config";
import { readLedgerConfig } from "@/lib/db/config";

/** Beside the PGlite directory (one key per ledger), never inside it: a copy of the database alone holds no key. */
export function tokenKeyFile(pgliteDataDir: string = readLedgerConfig().pgliteDataDir): string {
  return path.resolve(`${pgliteDataDir}-gateway-token-key`);
}

export function gatewayTokenSecret(config: Pick<GatewayConfig, "tokenSecret">, keyFile: string = tokenKeyFile()): string {
  if (config.tokenSecret) return config.tokenSecret;
  mkdirSync(path.dirname(keyFile), { recursive: true });
  try {
    // "wx": of two processes starting at once, exactly one writes the key and both read it.
    writeFileSync(keyFile, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // Not traced into the build: the file is made at run time (a traced dynamic path pulls in the whole project).
  const key = readFileSync(/*turbopackIgnore: true*/ keyFile, "utf8").trim();
  if (key.length < 32) throw new Error(`The gateway token key file ${keyFile} is damaged: delete it (every token minted since must then be rolled).`);
  return key;
}
