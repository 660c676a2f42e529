/**
 * Token secrets: `sk_sandbox_` + 40 base62 characters from crypto.randomBytes, drawn by
 * rejection sampling (bytes ≥ 248 are thrown away) so every character is equally likely.
 * The secret is handed back once; only its sha256 hash is kept.
 */
import { createHash, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "sk_sandbox_";
export const SECRET_RANDOM_LENGTH = 40;

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** The largest multiple of 62 that fits in a byte: 4 × 62. */
const UNBIASED_LIMIT = 248;

export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A fresh secret and the hash to store in its place. */
export function generateSecret(): { secret: string; hash: string } {
  const secret = SECRET_PREFIX + randomBase62(SECRET_RANDOM_LENGTH);
  return { secret, hash: hashSecret(secret) };
}
