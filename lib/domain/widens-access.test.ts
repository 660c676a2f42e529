import { describe, expect, it } from "vitest";
import { widensAccess } from "./widens-access";

const in30Days = new Date(Date.now() + 30 * 864e5).toISOString();
const in90Days = new Date(Date.now() + 90 * 864e5).toISOString();
const token = { scopeNames: ["a:read", "a:write"], ipsWhitelist: ["203.0.113.7"], expiresAt: in30Days };

describe("widensAccess: which token changes are grants", () => {
  it.each([
    ["a scope it lacks", { scopeNames: ["a:read", "b:write"] }],
    ["an IP outside its whitelist", { ipsWhitelist: ["203.0.113.7", "198.51.100.1"] }],
    ["dropping the whitelist (any IP)", { ipsWhitelist: [] }],
    ["a later expiry", { expiresAt: in90Days }],
  ])("%s widens", (_label, change) => {
    expect(widensAccess(token, change)).toBe(true);
  });

  it.each([
    ["fewer scopes", { scopeNames: ["a:read"] }],
    ["fewer IPs", { ipsWhitelist: ["203.0.113.7"] }, { ...token, ipsWhitelist: ["203.0.113.7", "198.51.100.1"] }],
    ["a whitelist where there was none", { ipsWhitelist: ["203.0.113.7"] }, { ...token, ipsWhitelist: [] }],
    ["an earlier expiry", { expiresAt: new Date(Date.now() + 864e5).toISOString() }],
    ["any expiry on a never-expiring token", { expiresAt: in90Days }, { ...token, expiresAt: null }],
  ])("%s only narrows", (_label, change, current = token) => {
    expect(widensAccess(current, change)).toBe(false);
  });

  it("an unknown token counts as widening", () => {
    expect(widensAccess(undefined, { scopeNames: ["a:read"] })).toBe(true);
  });
});
