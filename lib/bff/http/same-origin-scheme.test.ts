/** The whole origin is compared (scheme, host, port, no userinfo). */
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { assertSameOrigin } from "./same-origin";

/** getConfig() reads the environment once per process; drop its copy so TRUST_PROXY is re-read. */
const resetConfigForTests = () => delete (globalThis as { __apcConfig?: unknown }).__apcConfig;

function post(url: string, headers: Record<string, string>) {
  return new NextRequest(url, { method: "POST", headers });
}

const refused = (req: NextRequest) => {
  try {
    assertSameOrigin(req);
    return false;
  } catch (e) {
    return (e as { status?: number }).status === 403;
  }
};

describe("assertSameOrigin compares the whole origin", () => {
  afterEach(() => {
    delete process.env.TRUST_PROXY;
    resetConfigForTests();
  });

  it("accepts the server's own origin", () => {
    expect(refused(post("http://127.0.0.1:3400/api/session", { host: "127.0.0.1:3400", origin: "http://127.0.0.1:3400" }))).toBe(false);
    expect(refused(post("http://localhost/api/session", { host: "localhost:80", origin: "http://localhost" }))).toBe(false);
  });

  it.each([
    ["another scheme", "https://127.0.0.1:3400"],
    ["userinfo", "http://a@127.0.0.1:3400"],
    ["userinfo with a password", "http://a:b@127.0.0.1:3400"],
    ["a path", "http://127.0.0.1:3400/x"],
    ["another port", "http://127.0.0.1:3401"],
    ["another host", "http://localhost:3400"],
    ["upper case", "HTTP://127.0.0.1:3400"],
    ["null", "null"],
    ["garbage", "::"],
  ])("refuses %s (%s) on an http server", (_what, origin) => {
    expect(refused(post("http://127.0.0.1:3400/api/session", { host: "127.0.0.1:3400", origin }))).toBe(true);
  });

  it("uses the scheme the connection had (X-Forwarded-Proto set by Next or a trusted proxy)", () => {
    const headers = { host: "console.example", "x-forwarded-proto": "https" };
    expect(refused(post("http://console.example/api/session", { ...headers, origin: "https://console.example" }))).toBe(false);
    expect(refused(post("http://console.example/api/session", { ...headers, origin: "http://console.example" }))).toBe(true);
  });

  it("with TRUST_PROXY, the proxy's host and scheme", () => {
    process.env.TRUST_PROXY = "1";
    resetConfigForTests();
    const headers = { host: "10.0.0.5:3000", "x-forwarded-host": "console.example", "x-forwarded-proto": "https" };
    expect(refused(post("http://10.0.0.5:3000/api/session", { ...headers, origin: "https://console.example" }))).toBe(false);
    expect(refused(post("http://10.0.0.5:3000/api/session", { ...headers, origin: "http://console.example" }))).toBe(true);
  });
});
