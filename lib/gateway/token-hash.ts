/**
 * How the console recognises a token it minted without keeping the token: an
 * HMAC-SHA256 of the secret, keyed by a key derived (HKDF) from a server secret
 * for this one purpose, so the same server secret can key other things without
 * the two ever colliding. The key lives only in memory; the database holds the
 * lookup key (an index column), never the secret.
 *
 * Looking a row up by this value leaks nothing useful through timing: without
 * the server key no one can choose a secret whose lookup key lands near a stored
 * one. Where two lookup keys are compared in memory, the comparison is
 * constant-time all the same.
 */
import { createHmac, createSecretKey, hkdfSync, timingSafeEqual } from "node:crypto";

const PURPOSE = "agent-portfolio-console/gateway-token-lookup/v1";

export type TokenHasher = {
  /** The secret's lookup key: base64url, 43 characters, fit for a unique index. */
  lookupKey(secret: string): string;
  /** Whether a secret belongs to a stored lookup key, compared in constant time. */
  matches(secret: string, storedLookupKey: string): boolean;
};

export function createTokenHasher(serverSecret: string): TokenHasher {
  if (serverSecret.length < 16) throw new Error("The gateway's token-hash secret must be at least 16 characters.");
  // A KeyObject: Node prepares it once, where a Buffer is copied into every HMAC (one per gateway request).
  const key = createSecretKey(Buffer.from(hkdfSync("sha256", serverSecret, "", PURPOSE, 32)));

  const digest = (secret: string) => createHmac("sha256", key).update(secret, "utf8").digest();

  return {
    lookupKey: (secret) => digest(secret).toString("base64url"),
    matches(secret, storedLookupKey) {
      const stored = Buffer.from(storedLookupKey, "base64url");
      const actual = digest(secret);
      return stored.length === actual.length && timingSafeEqual(stored, actual);
    },
  };
}
