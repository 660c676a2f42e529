import { describe, expect, it } from "vitest";
import { createTokenHasher } from "./token-hash";

const SECRET = "sk_sandbox_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

describe("the token hash", () => {
  it("gives a stable lookup key fit for an index, which is neither the secret nor a plain hash of it", async () => {
    const hasher = createTokenHasher("server-secret-0123456789");
    const key = hasher.lookupKey(SECRET);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hasher.lookupKey(SECRET)).toBe(key);
    expect(key).not.toContain(SECRET.slice(-8));
    const { createHash } = await import("node:crypto");
    expect(key).not.toBe(createHash("sha256").update(SECRET).digest("base64url"));
  });

  it("depends on the server secret: another server cannot compute it", () => {
    expect(createTokenHasher("server-secret-0123456789").lookupKey(SECRET)).not.toBe(createTokenHasher("server-secret-9876543210").lookupKey(SECRET));
  });

  it("matches a secret against a stored key, and nothing else", () => {
    const hasher = createTokenHasher("server-secret-0123456789");
    const stored = hasher.lookupKey(SECRET);
    expect(hasher.matches(SECRET, stored)).toBe(true);
    expect(hasher.matches(`${SECRET}x`, stored)).toBe(false);
    expect(hasher.matches(SECRET, stored.slice(0, 20))).toBe(false);
    expect(hasher.matches(SECRET, "")).toBe(false);
  });

  it("refuses a server secret too short to key anything", () => {
    expect(() => createTokenHasher("short")).toThrow(/at least 16/);
  });
});
