import type { ResponseOf } from "@/lib/bff/contract";
import { ALICE, BOB, expect, sandbox, signIn, test } from "./support/fixtures";
import { APP_URL, INSTANCE_B_URL, INSTANCE_C_URL } from "./support/ports";
import { clearsSessionCookie, raw, sessionCookieFrom, signInRaw, type RawResponse } from "./support/raw-http";

/**
 * Sessions over HTTP against the built app: a
 * cookie that does not unseal is no session, and signing out really ends a session,
 * on this instance at once and on the others within the 5 s re-check.
 */

const PAGES = ["/", "/portfolios", "/login"];
const API_ROUTES: [string, string][] = [
  ["GET", "/api/portfolios"],
  ["POST", "/api/portfolios"],
  ["GET", "/api/scopes"],
  ["GET", "/api/session"],
  ["DELETE", "/api/session"],
  ["GET", "/api/sessions"],
  ["DELETE", "/api/sessions"],
  ["DELETE", "/api/sessions/00000000-0000-4000-8000-000000000000"],
  ["DELETE", "/api/portfolios/00000000-0000-4000-8000-000000000000"],
  ["POST", "/api/portfolios/00000000-0000-4000-8000-000000000000/tokens"],
  ["PATCH", "/api/portfolios/00000000-0000-4000-8000-000000000000/tokens/00000000-0000-4000-8000-000000000001"],
  ["DELETE", "/api/portfolios/00000000-0000-4000-8000-000000000000/tokens/00000000-0000-4000-8000-000000000001"],
  ["GET", "/api/health"],
  ["GET", "/api/client-ip"],
];

async function malformedCookies(): Promise<[string, string][]> {
  const seal = await signInRaw(APP_URL, BOB);
  return [
    ["stars", "apc_session=X*1*a*b*c*d*e*f~2"],
    ["a valid seal in double quotes", `apc_session="${seal}"`],
    ["prefix Fe26.1", `apc_session=${seal.replace(/^Fe26\.2/, "Fe26.1")}`],
    ["prefix FeA6", `apc_session=${seal.replace(/^Fe26\.2/, "FeA6")}`],
    ["several, a bad one last", `apc_session=X*1*a*b*c*d*e*f~2; apc_session="${seal}"; apc_session=${seal.replace(/^Fe26\.2/, "FeA6")}`],
    ["truncated", `apc_session=${seal.slice(0, 40)}`],
    ["empty", "apc_session="],
    ["no value", "apc_session"],
  ];
}

const isJson = (res: RawResponse) => String(res.headers["content-type"]).startsWith("application/json");

test("a session cookie that does not unseal is no session: 401 JSON on /api, sign-in page for pages, and it is cleared", async () => {
  for (const [what, cookie] of await malformedCookies()) {
    for (const path of PAGES) {
      const res = await raw(APP_URL, "GET", path, { cookie });
      expect(res.status, `${what}: GET ${path}`).toBeLessThan(500);
      if (path !== "/login") expect(res.headers.location, `${what}: GET ${path}`).toMatch(/\/login$|\/portfolios$/);
      expect(clearsSessionCookie(res), `${what}: GET ${path} clears the cookie`).toBe(true);
    }
    for (const [method, path] of API_ROUTES) {
      const headers = { cookie, origin: APP_URL, "content-type": "application/json" };
      const res = await raw(APP_URL, method, path, headers, method === "GET" || method === "DELETE" ? undefined : "{}");
      expect(res.status, `${what}: ${method} ${path} → ${res.body}`).toBeLessThan(500);
      expect(isJson(res) || res.status === 204, `${what}: ${method} ${path} is JSON`).toBe(true);
      if (!["/api/health", "/api/client-ip", "/api/session"].includes(path)) expect(res.status, `${what}: ${method} ${path}`).toBe(401);
      expect(clearsSessionCookie(res), `${what}: ${method} ${path} clears the cookie`).toBe(true);
    }
  }
});

test("sign-in and sign-out work with a malformed cookie present", async ({ page, context }) => {
  await context.addCookies([{ name: "apc_session", value: "X*1*a*b*c*d*e*f~2", url: APP_URL }]);
  await signIn(page, ALICE);
  await expect(page.getByRole("button", { name: /^Account menu: Account [0-9a-f]{4}·[0-9a-f]{2}$/ })).toBeVisible();
  const out = await raw(APP_URL, "DELETE", "/api/session", { cookie: `apc_session=FeA6*x~2`, origin: APP_URL });
  expect(out.status).toBe(204);
});

test.describe("sessions that really end", () => {
  const deleteToken = (cookie: string) =>
    raw(APP_URL, "DELETE", "/api/portfolios/00000000-0000-4000-8000-000000000000/tokens/00000000-0000-4000-8000-000000000001", {
      cookie: `apc_session=${cookie}`,
      origin: APP_URL,
    });

  test("a cookie copied before sign-out is refused afterwards, mutations included, and reaches no upstream", async () => {
    const copy = await signInRaw(APP_URL, ALICE);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${copy}` })).status).toBe(200);
    expect((await raw(APP_URL, "DELETE", "/api/session", { cookie: `apc_session=${copy}`, origin: APP_URL })).status).toBe(204);
    await sandbox.resetStats();
    const list = await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${copy}` });
    expect(list.status).toBe(401);
    expect(JSON.parse(list.body).error.code).toBe("NotSignedIn");
    expect((await deleteToken(copy)).status).toBe(401);
    expect((await raw(APP_URL, "GET", "/portfolios", { cookie: `apc_session=${copy}` })).headers.location).toMatch(/\/login$/);
    expect((await sandbox.stats()).total).toBe(0);
  });

  test("sign out everywhere ends every session of the account, and only that account's", async () => {
    const one = await signInRaw(APP_URL, ALICE);
    const two = await signInRaw(APP_URL, ALICE);
    const bob = await signInRaw(APP_URL, BOB);
    expect((await raw(APP_URL, "DELETE", "/api/sessions", { cookie: `apc_session=${one}`, origin: APP_URL })).status).toBe(204);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${two}` })).status).toBe(401);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${one}` })).status).toBe(401);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${bob}` })).status).toBe(200);
  });

  test("signing in ends the session whose cookie it replaces, of the same account or another, and the ledger records it", async () => {
    const sessionsOf = async (cookie: string) =>
      JSON.parse((await raw(APP_URL, "GET", "/api/sessions", { cookie: `apc_session=${cookie}` })).body).sessions as { id: string; current: boolean }[];
    const endingsIn = async (cookie: string) => {
      const { events } = JSON.parse((await raw(APP_URL, "GET", "/api/audit?action=session.logout", { cookie: `apc_session=${cookie}` })).body) as {
        events: { action: string; after: { endedSession?: string } | null }[];
      };
      return events.filter((e) => e.action === "session.logout").map((e) => e.after?.endedSession);
    };
    const signInOver = async (replaced: string, userKey: string) => {
      const res = await raw(APP_URL, "POST", "/api/session", { cookie: `apc_session=${replaced}`, origin: APP_URL, "content-type": "application/json" }, JSON.stringify({ userKey }));
      expect(res.status).toBe(204);
      return sessionCookieFrom(res)!;
    };

    const first = await signInRaw(APP_URL, ALICE);
    const firstId = (await sessionsOf(first)).find((s) => s.current)!.id;
    const second = await signInOver(first, ALICE);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${first}` })).status).toBe(401);
    expect((await sessionsOf(second)).map((s) => s.id)).not.toContain(firstId);
    expect(await endingsIn(second)).toContain(firstId);

    const secondId = (await sessionsOf(second)).find((s) => s.current)!.id;
    const bob = await signInOver(second, BOB);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${bob}` })).status).toBe(200);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${second}` })).status).toBe(401);
    const alice = await signInRaw(APP_URL, ALICE);
    expect((await sessionsOf(alice)).map((s) => s.id)).not.toContain(secondId);
    expect(await endingsIn(alice)).toContain(secondId);
    // Alice's ending is hers: Bob's ledger does not hold it.
    expect(await endingsIn(bob)).not.toContain(secondId);
  });

  test("signing out cancels the jobs that session started, and the ledger says so", async () => {
    const cookie = await signInRaw(APP_URL, ALICE);
    const headers = { cookie: `apc_session=${cookie}`, origin: APP_URL, "content-type": "application/json" };
    const listed = JSON.parse((await raw(APP_URL, "GET", "/api/portfolios", headers)).body) as ResponseOf<"GET /api/portfolios">;
    const tokenIds = listed.agentPortfolios.flatMap((p) => p.userTokens.map((t) => t.userTokenId));
    // Slow revokes: the job is still going when its session ends.
    await sandbox.fault({ latencyMs: 5_000, match: { method: "DELETE" } });
    const created = await raw(APP_URL, "POST", "/api/jobs", headers, JSON.stringify({ kind: "revoke", tokenIds }));
    expect(created.status).toBe(201);
    const jobId = (JSON.parse(created.body) as { job: { id: string } }).job.id;
    expect((await raw(APP_URL, "DELETE", "/api/session", headers)).status).toBe(204);

    const again = { cookie: `apc_session=${await signInRaw(APP_URL, ALICE)}` };
    const job = JSON.parse((await raw(APP_URL, "GET", `/api/jobs/${jobId}`, again)).body) as { job: { state: string; done: number } };
    expect(job.job.state).toBe("cancelled");
    expect(job.job.done).toBeLessThan(tokenIds.length);
    const audit = (await raw(APP_URL, "GET", "/api/audit?action=job.cancel", again)).body;
    expect(audit).toContain(jobId);
    expect(audit).toContain("sign-out");
  });

  test("the session list shows only the account's own sessions; Bob can neither see nor end Alice's", async () => {
    const alice = await signInRaw(APP_URL, ALICE, { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/139.0 Safari/537.36" });
    const bob = await signInRaw(APP_URL, BOB);
    const listed = await raw(APP_URL, "GET", "/api/sessions", { cookie: `apc_session=${alice}` });
    expect(listed.headers["cache-control"]).toContain("no-store");
    const { sessions } = JSON.parse(listed.body) as { sessions: { id: string; current: boolean; browser: string; clientIp: string }[] };
    const mine = sessions.find((s) => s.current)!;
    expect(mine).toMatchObject({ browser: "Chrome on Linux", clientIp: "127.0.0.1" });
    expect(listed.body).not.toContain(ALICE);
    const bobs = JSON.parse((await raw(APP_URL, "GET", "/api/sessions", { cookie: `apc_session=${bob}` })).body).sessions as { id: string }[];
    expect(bobs.map((s) => s.id)).not.toContain(mine.id);
    const stolen = await raw(APP_URL, "DELETE", `/api/sessions/${mine.id}`, { cookie: `apc_session=${bob}`, origin: APP_URL });
    expect(stolen.status).toBe(404);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${alice}` })).status).toBe(200);
    const cross = await raw(APP_URL, "DELETE", `/api/sessions/${mine.id}`, { cookie: `apc_session=${alice}`, origin: "http://evil.example" });
    expect(cross.status).toBe(403);
  });

  test("the account menu names the account, lists its sessions and ends one", async ({ page }) => {
    // A retry must not find an earlier attempt's second session in the menu: end them all first.
    const sweep = await signInRaw(APP_URL, ALICE);
    expect((await raw(APP_URL, "DELETE", "/api/sessions", { cookie: `apc_session=${sweep}`, origin: APP_URL })).status).toBe(204);
    const other = await signInRaw(APP_URL, ALICE, { "user-agent": "Mozilla/5.0 (Windows NT 10.0) Firefox/128.0" });
    await signIn(page, ALICE);
    const label = (await (await raw(APP_URL, "GET", "/api/session", { cookie: `apc_session=${other}` })).body.match(/"accountLabel":"([^"]+)"/))![1]!;
    expect(label).toMatch(/^Account [0-9a-f]{4}·[0-9a-f]{2}$/);
    await page.getByRole("button", { name: `Account menu: ${label}` }).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByText(`Signed in as ${label}`)).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: /\(this browser\)/ })).toBeVisible();
    await menu.getByRole("menuitem", { name: /^End session: Firefox on Windows from 127\.0\.0\.1, started/ }).click();
    await expect(page.getByText("Ended the session of Firefox on Windows.")).toBeVisible();
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${other}` })).status).toBe(401);
    // The menu stays open for the next one: that session is gone from it, this browser is still signed in.
    await expect(menu.getByRole("menuitem", { name: /Firefox on Windows/ })).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("heading", { name: "Agent portfolios", exact: true })).toBeVisible();
  });

  test("Sign out everywhere from the menu asks first, then ends this browser's session too", async ({ page }) => {
    const other = await signInRaw(APP_URL, ALICE);
    await signIn(page, ALICE);
    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Sign out everywhere?" });
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await raw(APP_URL, "GET", "/api/portfolios", { cookie: `apc_session=${other}` })).status).toBe(401);
  });
});

test.describe("two instances on one PostgreSQL", () => {
  test.skip(!process.env.APC_E2E_DATABASE_URL, "PostgreSQL is not reachable");

  test("sign-out on one instance ends the session there at once and on the other within the 5 s re-check", async () => {
    const cookie = await signInRaw(INSTANCE_B_URL, ALICE);
    const on = (url: string) => raw(url, "GET", "/api/scopes", { cookie: `apc_session=${cookie}` });
    expect((await on(INSTANCE_C_URL)).status).toBe(200); // C now holds "live" in its cache
    expect((await raw(INSTANCE_B_URL, "DELETE", "/api/session", { cookie: `apc_session=${cookie}`, origin: INSTANCE_B_URL })).status).toBe(204);
    expect((await on(INSTANCE_B_URL)).status).toBe(401);
    await expect.poll(async () => (await on(INSTANCE_C_URL)).status, { timeout: 8_000, intervals: [250] }).toBe(401);
  });
});
