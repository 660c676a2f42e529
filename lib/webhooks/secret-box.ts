/**
 * Seals what an endpoint needs to be sent to (its URL and signing secret) with
 * AES-256-GCM under a key derived (HKDF-SHA256) from a server secret, bound to
 * the endpoint's id: a sealed value copied onto another row does not open. The
 * secret must stay usable to sign, so it is encrypted rather than hashed; the
 * database alone cannot read it. Node's crypto, no library needed.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export type EndpointSecrets = { url: string; secret: string };

const VERSION = "v1";
const INFO = "agent-portfolio-console/webhook-endpoint-secrets";

export type SecretBox = {
  seal(endpointId: string, value: EndpointSecrets): string;
  /** Null when it does not open (another server key, a damaged or moved value). */
  open(endpointId: string, sealed: string): EndpointSecrets | null;
};

export function createSecretBox(serverSecret: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", serverSecret, Buffer.alloc(0), INFO, 32));
  return {
    seal(endpointId, value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(endpointId));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
    },
    open(endpointId, sealed) {
      const [version, iv, body] = sealed.split(".");
      if (version !== VERSION || !iv || !body) return null;
      try {
        const bytes = Buffer.from(body, "base64url");
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(endpointId));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        const plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
        const parsed = JSON.parse(plain) as EndpointSecrets;
        return typeof parsed.url === "string" && typeof parsed.secret === "string" ? parsed : null;
      } catch {
        return null;
      }
    },
  };
}

/** A fresh Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}
