import { describe, expect, it } from "vitest";
import { REAL_READ, REAL_WRITE } from "@/lib/domain/scopes";
import { JOB_KINDS } from "@/lib/jobs/types";
import { ipAdvice, ipsWhitelistSchema, ipv4Schema } from "./ip";
import { jobRequestSchema } from "./job";
import { createPortfolioSchema, investmentAmountSchema, portfolioNameSchema } from "./portfolio";
import { expiresAtSchema, mintTokenSchema, updateTokenSchema } from "./token";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe("portfolio name", () => {
  it.each([
    ["abcde", false],
    ["abcdef", true],
    ["abcdefghij", true],
    ["abcdefghijk", false],
    ["  abcdef  ", true],
  ])("%j valid=%s", (name, ok) => {
    expect(portfolioNameSchema.safeParse(name).success).toBe(ok);
  });
});

describe("investment amount", () => {
  it.each([
    [199.99, false],
    [200, true],
    [200.5, true],
    [200.123, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])("%s valid=%s", (amount, ok) => {
    expect(investmentAmountSchema.safeParse(amount).success).toBe(ok);
  });

  it("names the minimum", () => {
    const r = investmentAmountSchema.safeParse(199.99);
    expect(r.success || r.error.issues[0].message).toContain("$200");
  });
});

describe("IPv4 addresses", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1"],
    [" 10.0.0.1 ", "10.0.0.1"],
    ["203.0.113.7", "203.0.113.7"],
  ])("accepts %j as %j", (input, out) => {
    expect(ipv4Schema.parse(input)).toBe(out);
  });

  it.each(["256.1.1.1", "1.2.3", "::1", "", "10.0.0.1/24", "0x0a.0.0.1", "1.2.3.4.5", "abc"])("rejects %j", (input) => {
    expect(ipv4Schema.safeParse(input).success).toBe(false);
  });

  it("says IPv6 is not supported", () => {
    const r = ipv4Schema.safeParse("::1");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/IPv6/);
  });

  it.each(["0.0.0.0", "255.255.255.255"])("refuses %j, the address of no machine", (input) => {
    const r = ipv4Schema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toContain("not the address of any machine");
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["192.168.1.10", "private"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["169.254.1.1", "link-local"],
  ])("advises that %j is %s", (ip, words) => {
    expect(ipAdvice(ip)).toContain(words);
  });

  it("has no advice for a public address", () => {
    expect(ipAdvice("203.0.113.7")).toBeNull();
    expect(ipAdvice("8.8.8.8")).toBeNull();
  });

  it("deduplicates a whitelist, keeping order", () => {
    expect(ipsWhitelistSchema.parse(["10.0.0.1", "10.0.0.2", " 10.0.0.1"])).toEqual(["10.0.0.1", "10.0.0.2"]);
  });
});

describe("expiry", () => {
  it("rejects the past and accepts the near future", () => {
    expect(expiresAtSchema.safeParse(inDays(-1)).success).toBe(false);
    expect(expiresAtSchema.safeParse(new Date(Date.now() - 1000).toISOString()).success).toBe(false);
    expect(expiresAtSchema.safeParse(inDays(1)).success).toBe(true);
  });

  it("rejects the far future and non-dates", () => {
    expect(expiresAtSchema.safeParse(inDays(365 * 11)).success).toBe(false);
    expect(expiresAtSchema.safeParse("9999-12-31T23:59:59Z").success).toBe(false);
    expect(expiresAtSchema.safeParse(inDays(365 * 9)).success).toBe(true);
    expect(expiresAtSchema.safeParse("next tuesday").success).toBe(false);
    expect(expiresAtSchema.safeParse("2027-01-01").success).toBe(false);
  });

  it("normalises offsets to UTC", () => {
    const local = new Date(Date.now() + 86_400_000);
    const withOffset = local.toISOString().replace("Z", "+00:00");
    expect(expiresAtSchema.parse(withOffset)).toBe(local.toISOString());
  });
});

describe("minting", () => {
  const base = { userTokenName: "agent-1", scopeNames: [REAL_READ], ipsWhitelist: [], expiresAt: inDays(7) };

  it("accepts a bounded token and defaults to never-expiring with no IP limit", () => {
    expect(mintTokenSchema.parse(base).scopeNames).toEqual([REAL_READ]);
    const minimal = mintTokenSchema.parse({ userTokenName: "x", scopeNames: [REAL_READ] });
    expect(minimal).toMatchObject({ ipsWhitelist: [], expiresAt: null });
  });

  it("needs at least one scope and a name", () => {
    expect(mintTokenSchema.safeParse({ ...base, scopeNames: [] }).success).toBe(false);
    expect(mintTokenSchema.safeParse({ ...base, userTokenName: "   " }).success).toBe(false);
  });

  it("requires an acknowledgement for an unbounded real-money write token", () => {
    const risky = { ...base, scopeNames: [REAL_WRITE], expiresAt: null };
    const r = mintTokenSchema.safeParse(risky);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["acknowledgeRisk"]);
    // The code the BFF answers with, the same as an update's (read-json passes it on).
    expect(r.error?.issues[0]).toMatchObject({ params: { errorCode: "RiskNotAcknowledged" } });
    expect(mintTokenSchema.safeParse({ ...risky, acknowledgeRisk: true }).success).toBe(true);
    // Bounded in time and place: no acknowledgement needed.
    expect(mintTokenSchema.safeParse({ ...base, scopeNames: [REAL_WRITE], ipsWhitelist: ["10.0.0.1"] }).success).toBe(true);
  });

  it("creates a portfolio with the same token rules", () => {
    const ok = { ...base, agentPortfolioName: "MyPort1", investmentAmountInUsd: 200 };
    expect(createPortfolioSchema.safeParse(ok).success).toBe(true);
    expect(createPortfolioSchema.safeParse({ ...ok, agentPortfolioName: "short" }).success).toBe(false);
    expect(createPortfolioSchema.safeParse({ ...ok, ipsWhitelist: ["256.1.1.1"] }).success).toBe(false);
    expect(createPortfolioSchema.safeParse({ ...ok, scopeNames: [REAL_WRITE], ipsWhitelist: [] }).success).toBe(false);
  });
});

describe("updating", () => {
  it("needs at least one field and refuses unknown ones", () => {
    expect(updateTokenSchema.safeParse({}).success).toBe(false);
    expect(updateTokenSchema.safeParse({ userTokenName: "x" }).success).toBe(false);
    expect(updateTokenSchema.safeParse({ ipsWhitelist: [] }).success).toBe(true);
    expect(updateTokenSchema.safeParse({ expiresAt: inDays(-1) }).success).toBe(false);
  });
});

describe("sign-in keys", () => {
  it("accepts printable keys and trims them", async () => {
    const { signInSchema } = await import("./session");
    expect(signInSchema.parse({ userKey: "  eyJhbGci.OiJ_-x  " }).userKey).toBe("eyJhbGci.OiJ_-x");
  });
  it.each(["with space", "line\nbreak", "ünïcödé", ""])("refuses %j", async (userKey) => {
    const { signInSchema } = await import("./session");
    expect(signInSchema.safeParse({ userKey }).success).toBe(false);
  });
});

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("job requests", () => {
  it("take every kind of the one list, and name them all when refusing another", () => {
    for (const kind of JOB_KINDS) {
      const target = kind === "delete-portfolio" ? { portfolioIds: [ID] } : { tokenIds: [ID] };
      expect(jobRequestSchema.safeParse({ kind, ...target }).success).toBe(true);
    }
    const refused = jobRequestSchema.safeParse({ kind: "melt", tokenIds: [ID] });
    expect(refused.error?.issues[0]?.message).toBe("kind must be revoke, freeze, unfreeze or delete-portfolio.");
  });
});
