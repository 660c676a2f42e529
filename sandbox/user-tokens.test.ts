import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, testSandboxOptions } from "../tests/support/sandbox-client";
import { startSandbox, type RunningSandbox } from "./server";

const V1 = "/api/v1/agent-portfolios";
const V2 = "/api/v2/agent-portfolios";
const DAY = 86_400_000;

describe("user tokens", () => {
  let sandbox: RunningSandbox;
  let portfolioId: string;
  beforeEach(async () => {
    sandbox = await startSandbox(testSandboxOptions());
    const created = await call(sandbox, "POST", V2, {
      body: {
        agentPortfolioName: "TokenLab",
        investmentAmountInUsd: 500,
        userTokenName: "first",
        scopeNames: ["etoro-public:trade.demo:read"],
      },
    });
    portfolioId = created.body.agentPortfolioId;
  });
  afterEach(() => sandbox.close());

  const mintV2 = (body: Record<string, unknown>) => call(sandbox, "POST", `${V2}/${portfolioId}/user-tokens`, { body });
  const mintV1 = (body: Record<string, unknown>) => call(sandbox, "POST", `${V1}/${portfolioId}/user-tokens`, { body });
  const demoRead = ["etoro-public:trade.demo:read"];

  async function tokens() {
    const list = await call(sandbox, "GET", V1);
    return list.body.agentPortfolios.find((p: { agentPortfolioId: string }) => p.agentPortfolioId === portfolioId)
      .userTokens as Array<Record<string, unknown>>;
  }

  it("allows at most 10 tokens per portfolio (429 MaxUserTokensExceeded, no Retry-After)", async () => {
    for (let i = 2; i <= 10; i += 1) expect((await mintV2({ userTokenName: `t${i}`, scopeNames: demoRead })).status).toBe(201);
    const refused = await mintV2({ userTokenName: "t11", scopeNames: demoRead });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ errorCode: "MaxUserTokensExceeded", errorMessage: "Maximum number of user tokens exceeded" });
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(await tokens()).toHaveLength(10);

    const victim = (await tokens())[3].userTokenId;
    expect((await call(sandbox, "DELETE", `${V1}/${portfolioId}/user-tokens/${victim}`)).status).toBe(204);
    expect((await mintV1({ userTokenName: "t11", scopeIds: [201] })).status).toBe(201);
  });

  it("refuses a token name already used in the portfolio (409), allows it in another portfolio", async () => {
    const conflict = await mintV2({ userTokenName: "first", scopeNames: demoRead });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ errorCode: "UserKeyNameAlreadyExists", errorMessage: "UserKeyName already exists" });
    expect((await mintV2({ userTokenName: "  first ", scopeNames: demoRead })).status).toBe(409);

    const other = (await call(sandbox, "GET", V1)).body.agentPortfolios[0].agentPortfolioId;
    const elsewhere = await call(sandbox, "POST", `${V2}/${other}/user-tokens`, {
      body: { userTokenName: "first", scopeNames: demoRead },
    });
    expect(elsewhere.status).toBe(201);
  });

  it.each([
    ["empty", "", 400],
    ["65 characters", "x".repeat(65), 400],
    ["64 characters", "y".repeat(64), 201],
    ["1 character", "z", 201],
  ])("token name of %s → %i", async (_label, userTokenName, status) => {
    const response = await mintV2({ userTokenName, scopeNames: demoRead });
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body.errorMessage).toBe("userTokenName must be between 1 and 64 characters");
  });

  it("v2 scopes: allowed names only (403), required (400 ScopeIdsRequired)", async () => {
    const notAllowed = await mintV2({ userTokenName: "x", scopeNames: ["etoro-public:trade.demo:read", "admin"] });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body).toEqual({ errorCode: "ScopeNameNotAllowed", errorMessage: "Scope name not allowed" });
    for (const body of [{ userTokenName: "x" }, { userTokenName: "x", scopeNames: [] }, { userTokenName: "x", scopeIds: [200] }]) {
      const missing = await mintV2(body);
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ errorCode: "ScopeIdsRequired", errorMessage: "ScopeNames is required" });
    }
  });

  it("v1 mint maps scopeIds 200–203 and v1 names to v2 names, and the list carries both", async () => {
    const byIds = await mintV1({ userTokenName: "by-ids", scopeIds: [200, 201, 202, 203] });
    expect(byIds.body.scopeNames).toEqual([
      "etoro-public:trade.real:read",
      "etoro-public:trade.demo:read",
      "etoro-public:trade.real:write",
      "etoro-public:trade.demo:write",
    ]);
    const byNames = await mintV1({ userTokenName: "by-names", scopeNames: ["etoro-public:real:write"] });
    expect(byNames.body.scopeNames).toEqual(["etoro-public:trade.real:write"]);

    const listed = (await tokens()).find((token) => token.userTokenName === "by-names");
    expect(listed).toMatchObject({ scopeIds: [202], scopeNames: ["etoro-public:trade.real:write"] });
    const first = (await tokens()).find((token) => token.userTokenName === "first");
    expect(first).toMatchObject({ scopeIds: [201], scopeNames: ["etoro-public:trade.demo:read"] });
  });

  it("v1 mint errors: no scopes, unknown id, unknown name", async () => {
    expect((await mintV1({ userTokenName: "x" })).body).toEqual({ errorCode: "ScopeIdsRequired", errorMessage: "ScopeIds is required" });
    expect((await mintV1({ userTokenName: "x", scopeIds: [] })).body.errorCode).toBe("ScopeIdsRequired");
    expect((await mintV1({ userTokenName: "x", scopeIds: [204] })).body).toEqual({
      errorCode: "ScopeIdNotAllowed",
      errorMessage: "ScopeIds contains values not in the allowed set",
    });
    expect((await mintV1({ userTokenName: "x", scopeNames: ["nope"] })).status).toBe(400);
  });

  it.each([["::1"], ["2001:db8::1"], ["256.1.1.1"], ["1.2.3"], [" 1.2.3.4"], ["1.2.3.4 "], ["01.2.3.4"], ["1.2.3.4/32"], [""]])(
    "refuses IP %j with IpsWhitelistInvalidIp",
    async (ip) => {
      const response = await mintV2({ userTokenName: "ip", scopeNames: demoRead, ipsWhitelist: ["10.0.0.1", ip] });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        errorCode: "IpsWhitelistInvalidIp",
        errorMessage: "IpsWhitelist contains an invalid IPv4 address",
      });
    },
  );

  it("accepts dotted-quad IPv4 addresses", async () => {
    const response = await mintV2({ userTokenName: "ip", scopeNames: demoRead, ipsWhitelist: ["0.0.0.0", "255.255.255.255"] });
    expect(response.status).toBe(201);
    expect(response.body.ipsWhitelist).toEqual(["0.0.0.0", "255.255.255.255"]);
  });

  it.each([
    ["in the past", new Date(Date.now() - 60_000).toISOString(), "expiresAt must be in the future"],
    ["not a date", "next week", "expiresAt must be an ISO 8601 date-time string"],
    ["a date without a time", "2999-01-01", "expiresAt must be an ISO 8601 date-time string"],
    ["an impossible day", "2999-02-30T00:00:00Z", "expiresAt must be an ISO 8601 date-time string"],
    ["a number", 1893456000000, "expiresAt must be an ISO 8601 date-time string"],
  ])("refuses expiresAt %s", async (_label, expiresAt, message) => {
    const response = await mintV2({ userTokenName: "exp", scopeNames: demoRead, expiresAt });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorCode: "ValidationFailed", errorMessage: message });
  });

  it("stores expiry in UTC; none means null on mint and absent in the list", async () => {
    const withOffset = await mintV2({ userTokenName: "offset", scopeNames: demoRead, expiresAt: "2999-06-01T12:00:00+02:00" });
    expect(withOffset.body.expiresAt).toBe("2999-06-01T10:00:00.000Z");
    const never = await mintV2({ userTokenName: "never", scopeNames: demoRead });
    expect(never.body.expiresAt).toBeNull();
    const listed = (await tokens()).find((token) => token.userTokenName === "never");
    expect(listed).not.toHaveProperty("expiresAt");
    expect(listed).toHaveProperty("createdAt");
  });

  it("PATCH replaces only the fields given (v2 and v1)", async () => {
    const created = await mintV2({ userTokenName: "edit-me", scopeNames: demoRead, ipsWhitelist: ["10.1.1.1"] });
    const tokenId = created.body.userTokenId;
    const expiresAt = new Date(Date.now() + 7 * DAY).toISOString();
    const v2 = await call(sandbox, "PATCH", `${V2}/${portfolioId}/user-tokens/${tokenId}`, {
      body: { scopeNames: ["etoro-public:trade.real:read"], expiresAt },
    });
    expect(v2.status).toBe(204);
    expect(v2.text).toBe("");
    let token = (await tokens()).find((t) => t.userTokenId === tokenId);
    expect(token).toMatchObject({
      scopeNames: ["etoro-public:trade.real:read"],
      scopeIds: [200],
      ipsWhitelist: ["10.1.1.1"],
      expiresAt,
    });

    const v1 = await call(sandbox, "PATCH", `${V1}/${portfolioId}/user-tokens/${tokenId}`, {
      body: { scopeIds: [201, 203], ipsWhitelist: [] },
    });
    expect(v1.status).toBe(204);
    token = (await tokens()).find((t) => t.userTokenId === tokenId);
    expect(token).toMatchObject({
      scopeNames: ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"],
      ipsWhitelist: [],
      expiresAt,
    });
  });

  it("PATCH rules: nothing recognised → NoChangesDetected; bad scope ids, names, IPs, expiry refused", async () => {
    const tokenId = (await tokens())[0].userTokenId as string;
    const v1 = `${V1}/${portfolioId}/user-tokens/${tokenId}`;
    const v2 = `${V2}/${portfolioId}/user-tokens/${tokenId}`;
    const noChanges = { errorCode: "NoChangesDetected", errorMessage: "At least one field must be provided" };
    expect((await call(sandbox, "PATCH", v2, { body: {} })).body).toEqual(noChanges);
    expect((await call(sandbox, "PATCH", v2, { body: { userTokenName: "renamed" } })).body).toEqual(noChanges);
    expect((await call(sandbox, "PATCH", v1, { body: { expiresAt: null } })).body).toEqual(noChanges);
    expect((await call(sandbox, "PATCH", v1, { body: { scopeIds: [1] } })).body.errorCode).toBe("ScopeIdNotAllowed");
    expect((await call(sandbox, "PATCH", v2, { body: { scopeNames: ["etoro-public:real:read"] } })).status).toBe(403);
    expect((await call(sandbox, "PATCH", v2, { body: { ipsWhitelist: ["::1"] } })).body.errorCode).toBe("IpsWhitelistInvalidIp");
    expect((await call(sandbox, "PATCH", v2, { body: { expiresAt: "2001-01-01T00:00:00Z" } })).body.errorCode).toBe(
      "ValidationFailed",
    );
    expect((await call(sandbox, "PATCH", v2, { rawBody: "[]" })).body.errorMessage).toBe("Request body must be a JSON object");
  });

  it("malformed ids on token routes → 400 'Invalid agent-portfolio ID or user token ID'", async () => {
    const expected = { errorCode: "ValidationFailed", errorMessage: "Invalid agent-portfolio ID or user token ID" };
    expect((await call(sandbox, "DELETE", `${V1}/${portfolioId}/user-tokens/xyz`)).body).toEqual(expected);
    expect((await call(sandbox, "PATCH", `${V2}/nope/user-tokens/${portfolioId}`, { body: { ipsWhitelist: [] } })).body).toEqual(
      expected,
    );
  });

  it("DELETE token → 204 and it is gone from the list; again → 404 User token not found", async () => {
    const created = await mintV2({ userTokenName: "doomed", scopeNames: demoRead });
    const path = `${V1}/${portfolioId}/user-tokens/${created.body.userTokenId}`;
    expect((await call(sandbox, "DELETE", path)).status).toBe(204);
    expect((await tokens()).map((token) => token.userTokenName)).toEqual(["first"]);
    const again = await call(sandbox, "DELETE", path);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ errorCode: "NotFound", errorMessage: "User token not found" });
  });
});
