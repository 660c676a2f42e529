import { ALICE, expect, test } from "./support/fixtures";
import { POLICY_URL } from "./support/ports";

const DEMO_READ = "etoro-public:trade.demo:read";
const REAL_WRITE = "etoro-public:trade.real:write";
const DAY = 24 * 60 * 60 * 1000;
const sameOrigin = { origin: POLICY_URL, "content-type": "application/json" };
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

test.use({ baseURL: POLICY_URL });

test("the admin policy: the BFF refuses what breaks it with 403 PolicyViolation, allows the rest, and says what it is", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User key").fill(ALICE);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Agent portfolios", exact: true })).toBeVisible();
  const api = page.request;

  expect(await (await api.get("/api/policy")).json()).toEqual({ maxTokenLifetimeDays: 30, requireIpWhitelistForRealWrite: true });

  const list = await (await api.get("/api/portfolios")).json();
  const alpha = list.agentPortfolios.find((p: { agentPortfolioName: string }) => p.agentPortfolioName === "AlphaBot");
  const tokens = `/api/portfolios/${alpha.agentPortfolioId}/tokens`;
  const mint = (data: object) => api.post(tokens, { headers: sameOrigin, data: { userTokenName: `p-${Math.random().toString(36).slice(2, 8)}`, ipsWhitelist: [], ...data } });

  const never = await mint({ scopeNames: [DEMO_READ], expiresAt: null });
  expect(never.status()).toBe(403);
  const neverBody = await never.json();
  expect(neverBody.error.code).toBe("PolicyViolation");
  expect(neverBody.error.fields.expiresAt).toMatch(/30 days/);

  const tooLong = await mint({ scopeNames: [DEMO_READ], expiresAt: inDays(45) });
  expect(tooLong.status()).toBe(403);

  const openRealWrite = await mint({ scopeNames: [REAL_WRITE], expiresAt: inDays(7), acknowledgeRisk: true });
  expect(openRealWrite.status()).toBe(403);
  expect((await openRealWrite.json()).error.fields.ipsWhitelist).toMatch(/IP address/);

  expect((await mint({ scopeNames: [REAL_WRITE], ipsWhitelist: ["203.0.113.9"], expiresAt: inDays(30) })).status()).toBe(201);

  const create = await api.post("/api/portfolios", {
    headers: sameOrigin,
    data: { agentPortfolioName: "Policy1", investmentAmountInUsd: 300, userTokenName: "first", scopeNames: [DEMO_READ], ipsWhitelist: [], expiresAt: null },
  });
  expect(create.status()).toBe(403);

  // Edit: a new expiry past the limit is refused; within it, allowed. Nothing reached eToro for the refusal.
  const runner = list.agentPortfolios
    .flatMap((p: { agentPortfolioId: string; userTokens: { userTokenName: string; userTokenId: string }[] }) => p.userTokens.map((t) => ({ p, t })))
    .find(({ t }: { t: { userTokenName: string } }) => t.userTokenName === "demo-runner");
  const patch = (data: object) =>
    api.patch(`/api/portfolios/${runner.p.agentPortfolioId}/tokens/${runner.t.userTokenId}`, { headers: sameOrigin, data });
  expect((await patch({ expiresAt: inDays(60) })).status()).toBe(403);
  // Narrowing scopes of a token whose old expiry breaks the rule is not blocked by it.
  expect((await patch({ scopeNames: [DEMO_READ] })).status()).toBe(204);
  expect((await patch({ expiresAt: inDays(20) })).status()).toBe(204);
});

test("existing tokens that break the policy are flagged on their portfolio's page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User key").fill(ALICE);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("region", { name: "AlphaBot" }).getByRole("link", { name: "AlphaBot" }).click();
  const live = page.getByTestId("detail-token").filter({ has: page.getByRole("listitem", { name: "Token live-trader", exact: true }) });
  await expect(live.getByText("Breaks policy: lifetime")).toBeVisible();
  await expect(live.getByText("Breaks policy: no IP limit")).toBeVisible();
  const monitor = page.getByTestId("detail-token").filter({ has: page.getByRole("listitem", { name: "Token risk-monitor", exact: true }) });
  // Real-money read behind two IPs: the IP rule is about trading tokens only.
  await expect(monitor.getByText("Breaks policy: no IP limit")).toHaveCount(0);
});
