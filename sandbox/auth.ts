/**
 * API authentication: `x-api-key` must equal the configured key and `x-user-key` must be
 * one of the configured user keys; anything else is 401 Unauthorized. (Trading paths also
 * take user-token secrets: trading/token-auth.ts.)
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { apiErrors } from "./errors";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
}

export class Authenticator {
  private readonly apiKeyDigest: Buffer;
  private readonly userKeys: ReadonlySet<string>;

  constructor(apiKey: string, userKeys: readonly string[]) {
    this.apiKeyDigest = digest(apiKey);
    this.userKeys = new Set(userKeys);
  }

  /** The caller's user key, or throws 401. */
  authenticate(headers: IncomingHttpHeaders): string {
    this.checkApiKey(headers);
    const userKey = header(headers, "x-user-key");
    if (userKey === undefined || !this.isAccountKey(userKey)) throw apiErrors.unauthorized();
    return userKey;
  }

  /** Throws 401 unless `x-api-key` is the sandbox's. */
  checkApiKey(headers: IncomingHttpHeaders): void {
    const apiKey = header(headers, "x-api-key");
    if (apiKey === undefined || !timingSafeEqual(digest(apiKey), this.apiKeyDigest)) throw apiErrors.unauthorized();
  }

  isAccountKey(userKey: string): boolean {
    return this.userKeys.has(userKey);
  }
}
