import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box";
import { isPublicAddress, parseWebhookUrl, urlHint, WebhookUrlError } from "./url-guard";

describe("webhook URLs", () => {
  it("takes only http(s) URLs without a user name or password", () => {
    expect(parseWebhookUrl("https://hooks.example.com/x").hostname).toBe("hooks.example.com");
    for (const bad of ["ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "example.com/x", "https://user:pw@example.com/", "http://a@example.com/", ""]) {
      expect(() => parseWebhookUrl(bad), bad).toThrow(WebhookUrlError);
    }
  });

  it("calls public only what is public unicast: loopback, private, link-local (cloud metadata), CGNAT, mapped and reserved are not", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1", "2001:db8::1", "not an address"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(address), address).toBe(true);
  });

  it("never shows more of a URL than its origin and the last 4 characters (a Slack URL's path is its secret)", () => {
    expect(urlHint(new URL("https://hooks.slack.com/services/T000/B000/XXXXsecretYYYY"))).toBe("https://hooks.slack.com/…YYYY");
    expect(urlHint(new URL("https://example.com/"))).toBe("https://example.com");
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (raw) => {
        const url = new URL(raw);
        const hint = urlHint(url);
        const rest = `${url.pathname}${url.search}`;
        expect(hint.startsWith(url.origin)).toBe(true);
        if (rest.length > 8) expect(hint).not.toContain(rest.slice(0, -4));
      }),
      { numRuns: 100 },
    );
  });
});

describe("the secret box", () => {
  const box = createSecretBox("s".repeat(40));
  it("seals the URL and secret so that neither shows, and opens only for the same endpoint and server key", () => {
    const value = { url: "https://hooks.example.com/abc", secret: "whsec_c2VjcmV0" };
    const sealed = box.seal("endpoint-1", value);
    expect(sealed).not.toContain("whsec_");
    expect(sealed).not.toContain("hooks.example.com");
    expect(box.open("endpoint-1", sealed)).toEqual(value);
    expect(box.open("endpoint-2", sealed)).toBeNull();
    expect(createSecretBox("t".repeat(40)).open("endpoint-1", sealed)).toBeNull();
    expect(box.open("endpoint-1", `${sealed.slice(0, -2)}AA`)).toBeNull();
    expect(box.open("endpoint-1", "garbage")).toBeNull();
  });
});
