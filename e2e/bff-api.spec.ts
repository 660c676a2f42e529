import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { ALICE, BOB, expect, sandbox, signIn, test } from "./support/fixtures";
import { APP_URL } from "./support/ports";

const LIST = "GET /api/v1/agent-portfolios";
const sameOrigin = { origin: APP_URL, "content-type": "application/json" };

/** Any mutation drops the account's cached list; a failed one costs one upstream call. */
async function dropListCache(request: APIRequestContext) {
  const res = await request.delete(`/api/portfolios/${randomUUID()}`, { headers: sameOrigin });
  expect(res.status()).toBe(404);
}

test("ten concurrent list reads of one session cost one upstream call", async ({ page }) => {
  await signIn(page, ALICE);
  await dropListCache(page.request);
  await sandbox.fault({ latencyMs: 400, match: { method: "GET" } });
  await sandbox.resetStats();

  const replies = await Promise.all(Array.from({ length: 10 }, () => page.request.get("/api/portfolios")));
  for (const reply of replies) expect(reply.status()).toBe(200);
  const bodies = await Promise.all(replies.map((r) => r.json()));
  expect(new Set(bodies.map((b) => b.agentPortfolios.length)).size).toBe(1);
  expect((await sandbox.stats()).byRoute[LIST]).toBe(1);

  // And a page view right after costs none.
  await page.reload();
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
  expect((await sandbox.stats()).byRoute[LIST]).toBe(1);
});

test("eToro's quota answers 429 with Retry-After, passed on in words", async ({ page }) => {
  await signIn(page, ALICE);
  await dropListCache(page.request);
  await sandbox.fault({ rateLimit: { retryAfterSeconds: 42 } });
  const res = await page.request.get("/api/portfolios");
  expect(res.status()).toBe(429);
  expect(res.headers()["retry-after"]).toBe("42");
  const { error } = await res.json();
  expect(error.code).toBe("TooManyRequests");
  expect(error.retryAfterSeconds).toBe(42);
  expect(error.message).toContain("42 s");
  expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers()["x-request-id"]).toBe(error.requestId);
});

test("the page says what went wrong and the request id when eToro fails", async ({ page }) => {
  await signIn(page, ALICE);
  await dropListCache(page.request);
  await sandbox.fault({ status: 503 });
  await page.reload();
  const alert = page.getByRole("alert").filter({ hasText: "Could not load your portfolios" });
  await expect(alert).toContainText("eToro had a problem", { timeout: 20_000 });
  await expect(alert).toContainText("Request id:");
  await sandbox.clearFaults();
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
});

test("upstream failures map to clear JSON errors, never a 500", async ({ page }) => {
  await signIn(page, ALICE);
  const cases: [Record<string, unknown>, number, string][] = [
    [{ status: 500 }, 502, "UpstreamError"],
    [{ malformed: true }, 502, "UpstreamBadResponse"],
  ];
  for (const [fault, status, code] of cases) {
    await sandbox.clearFaults();
    await dropListCache(page.request);
    await sandbox.fault(fault);
    const res = await page.request.get("/api/portfolios");
    expect(res.status(), JSON.stringify(fault)).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  }
});

test("documented upstream errors come back as 4xx with words and the field", async ({ page }) => {
  await signIn(page, ALICE);
  const list = await (await page.request.get("/api/portfolios")).json();
  const alpha = list.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "AlphaBot");
  const existing = alpha.userTokens[0];
  const tokens = `/api/portfolios/${alpha.agentPortfolioId}/tokens`;
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();

  const dup = await page.request.post(tokens, {
    headers: sameOrigin,
    data: { userTokenName: existing.userTokenName, scopeNames: ["etoro-public:trade.demo:read"], expiresAt: inAWeek },
  });
  expect(dup.status()).toBe(409);
  expect((await dup.json()).error).toMatchObject({ code: "UserKeyNameAlreadyExists", fields: { userTokenName: expect.any(String) } });

  // A scope eToro does not offer (GET /api/scopes, cached) is refused here, without a call to eToro.
  expect((await page.request.get("/api/scopes")).status()).toBe(200);
  await sandbox.resetStats();
  const moon = "etoro-public:trade.moon:write";
  const tokenId = existing.userTokenId;
  for (const [what, send] of [
    ["mint", () => page.request.post(tokens, { headers: sameOrigin, data: { userTokenName: "x-scope", scopeNames: [moon], expiresAt: inAWeek } })],
    ["change", () => page.request.patch(`${tokens}/${tokenId}`, { headers: sameOrigin, data: { scopeNames: ["etoro-public:trade.demo:read", moon] } })],
    [
      "create",
      () =>
        page.request.post("/api/portfolios", {
          headers: sameOrigin,
          data: { agentPortfolioName: "Moonshot", investmentAmountInUsd: 500, userTokenName: "first", scopeNames: [moon], expiresAt: inAWeek },
        }),
    ],
  ] as const) {
    const badScope = await send();
    expect(badScope.status(), what).toBe(400);
    const { error } = await badScope.json();
    expect(error, what).toMatchObject({ code: "ScopeNameNotAllowed", fields: { scopeNames: expect.stringContaining(moon) } });
  }
  // Nothing sent, and the scopes not asked again (the page's own list refresh may run meanwhile).
  expect(Object.keys((await sandbox.stats()).byRoute).filter((r) => r !== "GET /api/v1/agent-portfolios")).toEqual([]);

  const missing = await page.request.delete(`/api/portfolios/${alpha.agentPortfolioId}/tokens/${randomUUID()}`, { headers: sameOrigin });
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("NotFound");

  const taken = await page.request.post("/api/portfolios", {
    headers: sameOrigin,
    data: {
      agentPortfolioName: "AlphaBot",
      investmentAmountInUsd: 500,
      userTokenName: "first",
      scopeNames: ["etoro-public:trade.demo:read"],
      expiresAt: inAWeek,
    },
  });
  expect(taken.status()).toBe(400);
  expect((await taken.json()).error.fields).toHaveProperty("agentPortfolioName");
});

test("bad input is a 4xx that loses nothing", async ({ page }) => {
  await signIn(page, BOB);
  const before = await (await page.request.get("/api/portfolios")).json();
  const post = (data: string, headers: Record<string, string> = sameOrigin) =>
    page.request.post("/api/portfolios", { headers, data });

  expect((await post("{not json")).status()).toBe(400);
  expect((await post("{}", { origin: APP_URL, "content-type": "text/plain" })).status()).toBe(415);
  expect((await post(JSON.stringify({ agentPortfolioName: "abc" }))).status()).toBe(400);
  expect((await post("[]")).status()).toBe(400);
  expect((await post("null")).status()).toBe(400);
  expect((await post("x".repeat(70_000))).status()).toBe(413);
  const bad = await post(JSON.stringify({ agentPortfolioName: "abc", investmentAmountInUsd: 10, userTokenName: "", scopeNames: [] }));
  const { error } = await bad.json();
  expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(["agentPortfolioName", "investmentAmountInUsd", "userTokenName", "scopeNames"]));

  // A name that renders as nothing (Hangul fillers) or hides a joiner between letters: 400 on the name, saying why.
  for (const agentPortfolioName of ["\u3164\u3164\u3164\u3164\u3164\u3164", "Alp\u200dha1"]) {
    const invisible = await post(JSON.stringify({ agentPortfolioName, investmentAmountInUsd: 500, userTokenName: "t", scopeNames: ["etoro-public:trade.demo:read"] }));
    expect(invisible.status()).toBe(400);
    expect((await invisible.json()).error.fields.agentPortfolioName).toContain("visible characters only");
  }

  expect((await page.request.delete("/api/portfolios/not-a-uuid", { headers: sameOrigin })).status()).toBe(400);
  expect((await page.request.patch(`/api/portfolios/${randomUUID()}/tokens/nope`, { headers: sameOrigin, data: "{}" })).status()).toBe(400);

  const after = await (await page.request.get("/api/portfolios")).json();
  expect(after.agentPortfolios).toEqual(before.agentPortfolios);
});

test("mutations from another origin, or without one, are refused", async ({ page }) => {
  await signIn(page, BOB);
  const body = JSON.stringify({ agentPortfolioName: "Evil01", investmentAmountInUsd: 500, userTokenName: "t", scopeNames: ["etoro-public:trade.demo:read"] });
  const evil = await page.request.post("/api/portfolios", { headers: { origin: "https://evil.example", "content-type": "application/json" }, data: body });
  expect(evil.status()).toBe(403);
  const none = await page.request.post("/api/portfolios", { headers: { "content-type": "application/json" }, data: body });
  expect(none.status()).toBe(403);
  const list = await (await page.request.get("/api/portfolios")).json();
  expect(list.agentPortfolios).toHaveLength(0);
});

test("without a session the API answers 401 JSON", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/portfolios"],
    ["GET", "/api/scopes"],
    ["POST", "/api/portfolios"],
    ["DELETE", `/api/portfolios/${randomUUID()}`],
  ] as const) {
    const res = await request.fetch(path, { method, headers: sameOrigin, data: method === "POST" ? "{}" : undefined });
    expect(res.status(), `${method} ${path}`).toBe(401);
    expect((await res.json()).error.code).toBe("NotSignedIn");
  }
  const session = await request.get("/api/session");
  expect(await session.json()).toMatchObject({ signedIn: false, sandboxMode: true });
});

test("a minted secret comes back once, with no-store, and never in the list", async ({ page }) => {
  await signIn(page, BOB);
  const created = await page.request.post("/api/portfolios", {
    headers: sameOrigin,
    data: {
      agentPortfolioName: "BobPort1",
      investmentAmountInUsd: 250,
      userTokenName: "first",
      scopeNames: ["etoro-public:trade.demo:read"],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["cache-control"]).toContain("no-store");
  const { token, portfolio } = await created.json();
  expect(token.userToken).toMatch(/^sk_sandbox_/);
  expect(token.secretHint).toBe(token.userToken.slice(-4));

  const minted = await page.request.post(`/api/portfolios/${portfolio.agentPortfolioId}/tokens`, {
    headers: sameOrigin,
    data: { userTokenName: "second", scopeNames: ["etoro-public:trade.demo:write"], expiresAt: null },
  });
  expect(minted.status()).toBe(201);
  expect(minted.headers()["cache-control"]).toContain("no-store");
  const second = (await minted.json()).token;

  const listText = await (await page.request.get("/api/portfolios")).text();
  expect(listText).not.toContain(token.userToken);
  expect(listText).not.toContain(second.userToken);
  expect(listText).toContain(second.userTokenId);
  // The ledger remembers the last four characters, so people can tell tokens apart.
  expect(listText).toContain(`"secretHint":"${second.userToken.slice(-4)}"`);
});

test("widening a real-money trading token needs the acknowledgement on the server too", async ({ page }) => {
  await signIn(page, ALICE);
  const list = await (await page.request.get("/api/portfolios")).json();
  const alpha = list.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "AlphaBot");
  const monitor = alpha.userTokens.find((t: { userTokenName: string }) => t.userTokenName === "risk-monitor");
  const url = `/api/portfolios/${alpha.agentPortfolioId}/tokens/${monitor.userTokenId}`;
  const grant = { scopeNames: ["etoro-public:trade.real:write"], ipsWhitelist: [] };

  const refused = await page.request.patch(url, { headers: sameOrigin, data: grant });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error).toMatchObject({ code: "RiskNotAcknowledged", fields: { acknowledgeRisk: expect.any(String) } });

  const accepted = await page.request.patch(url, { headers: sameOrigin, data: { ...grant, acknowledgeRisk: true } });
  expect(accepted.status()).toBe(204);
  // The session cookie now says the list changed, so any instance reloads it.
  expect(accepted.headers()["set-cookie"]).toContain("apc_session=");

  // Retiring it early (expiry only) is never blocked.
  const retire = await page.request.patch(url, { headers: sameOrigin, data: { expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
  expect(retire.status()).toBe(204);
});
