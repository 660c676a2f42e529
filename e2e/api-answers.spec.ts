import { ALICE, expect, signIn, test } from "./support/fixtures";
import { APP_URL } from "./support/ports";
import { raw, signInRaw, type RawResponse } from "./support/raw-http";

/**
 * Every /api answer is the JSON error shape with no-store and the
 * security headers, whatever the method or path. Item 8: the pages' CSP and headers.
 */

const ROUTES = [
  "/api/portfolios",
  "/api/portfolios/00000000-0000-4000-8000-000000000000",
  "/api/portfolios/00000000-0000-4000-8000-000000000000/tokens",
  "/api/portfolios/00000000-0000-4000-8000-000000000000/tokens/00000000-0000-4000-8000-000000000001",
  "/api/scopes",
  "/api/session",
  "/api/sessions",
  "/api/sessions/00000000-0000-4000-8000-000000000000",
  "/api/health",
  "/api/client-ip",
  "/api/portfolios/00000000-0000-4000-8000-000000000000/history",
  "/api/audit",
  "/api/audit/export",
  "/api/audit/chain",
  "/api/policy",
  "/api/jobs",
  "/api/jobs/00000000-0000-4000-8000-000000000000",
];

function expectJsonError(res: RawResponse, status: number, what: string) {
  expect(res.status, `${what} → ${res.status} ${res.body.slice(0, 200)}`).toBe(status);
  expect(res.headers["content-type"], what).toMatch(/^application\/json/);
  expect(res.headers["cache-control"], what).toContain("no-store");
  expect(res.headers["x-content-type-options"], what).toBe("nosniff");
  expect(res.headers["referrer-policy"], what).toBe("same-origin");
  expect(res.headers["permissions-policy"], what).toBeTruthy();
  const body = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(typeof body.error.code, what).toBe("string");
  expect(body.error.message.length, what).toBeGreaterThan(0);
}

test("paths that do not decode (or climb with ..) are a 400 JSON, never a 500", async () => {
  const cookie = `apc_session=${await signInRaw(APP_URL, ALICE)}`;
  for (const id of ["%ff", "%", "a%zz", "%E0%80%80", "%C0%AF", "%ED%A0%80", "..", "%2e%2e", "."]) {
    for (const method of ["GET", "DELETE", "PATCH", "POST"]) {
      for (const path of [`/api/portfolios/${id}`, `/api/portfolios/${id}/tokens/${id}`, `/api/${id}`, `/api/sessions/${id}`]) {
        const res = await raw(APP_URL, method, path, { cookie, origin: APP_URL });
        expectJsonError(res, 400, `${method} ${path}`);
      }
    }
  }
});

test("TRACE and unknown methods on any /api route are a 405 JSON with Allow", async () => {
  for (const path of ROUTES) {
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "M-SEARCH"]) {
      const res = await raw(APP_URL, method, path);
      expectJsonError(res, 405, `${method} ${path}`);
      expect(res.headers.allow, `${method} ${path}`).toMatch(/OPTIONS/);
    }
    // A method Node's HTTP parser does not know never reaches Next: still the JSON error.
    expectJsonError(await raw(APP_URL, "CONNECTX", path), 400, `CONNECTX ${path}`);
  }
});

test("a method a route does not take is a 405 JSON with Allow, not an empty body", async () => {
  const res = await raw(APP_URL, "PUT", "/api/portfolios", { origin: APP_URL });
  expectJsonError(res, 405, "PUT /api/portfolios");
  expect(String(res.headers.allow).split(", ").sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
  expectJsonError(await raw(APP_URL, "POST", "/api/scopes", { origin: APP_URL }), 405, "POST /api/scopes");
});

test("unknown /api paths are a 404 JSON for every method", async () => {
  for (const path of ["/api", "/api/nope", "/api/portfolios/x/y/z/w", "/api/sessions/a/b"]) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      expectJsonError(await raw(APP_URL, method, path, { origin: APP_URL }), 404, `${method} ${path}`);
    }
  }
});

test("a trailing slash on /api is a redirect to the path without it (Next's rule), not an error page", async () => {
  const res = await raw(APP_URL, "GET", "/api/portfolios/");
  expect(res.status).toBe(308);
  expect(res.headers.location).toBe("/api/portfolios");
});

test("pages carry a nonce CSP without unsafe-eval or unsafe-inline scripts, and the other security headers", async () => {
  const one = await raw(APP_URL, "GET", "/login");
  const two = await raw(APP_URL, "GET", "/login");
  const csp = String(one.headers["content-security-policy"]);
  const script = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
  expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(script).not.toContain("unsafe-inline");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(two.headers["content-security-policy"]).not.toBe(csp); // a fresh nonce per request
  expect(one.headers["permissions-policy"]).toContain("camera=()");
  expect(one.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(one.headers["x-content-type-options"]).toBe("nosniff");
  expect(one.headers["referrer-policy"]).toBe("same-origin");
  // Next put the nonce on its own scripts.
  const nonce = script.match(/'nonce-([^']+)'/)![1]!;
  expect(one.body).toContain(`nonce="${nonce}"`);
});

test("pages run under the CSP with no violation (sign-in, list, dialogs, menu, dark mode)", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, ALICE);
  await page.getByRole("button", { name: "New portfolio" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: /\(this browser\)/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Agent portfolios", exact: true })).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  expect([...violations, ...seen]).toEqual([]);
});
