import { ALICE, expect, signIn, test } from "./support/fixtures";

/**
 * The user key lives only in the encrypted HttpOnly cookie. It must not show up
 * in any response the browser gets after sign-in (HTML, RSC, API JSON, JS
 * chunks), in a cookie page code can read, or in web storage.
 * (The login page lists the public sandbox demo keys by design, so the check
 * starts once the person is signed in.)
 */
test("the user key never reaches the browser", async ({ page, context }) => {
  await signIn(page, ALICE);

  const leaks: string[] = [];
  const seen: string[] = [];
  page.on("response", async (res) => {
    try {
      const body = await res.text();
      seen.push(res.url());
      if (body.includes(ALICE)) leaks.push(res.url());
    } catch {
      /* redirects and aborted requests have no body */
    }
  });

  await page.reload();
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
  await page.goto("/portfolios");
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toBeVisible();
  for (const path of ["/api/session", "/api/portfolios", "/api/scopes"]) {
    const res = await page.request.get(path);
    expect(res.ok()).toBe(true);
    expect(await res.text()).not.toContain(ALICE);
  }

  // Every JS chunk the app ships, not only the ones this page loaded.
  const scripts = await page.$$eval("script[src]", (els) => els.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const text = await (await page.request.get(src)).text();
    expect(text, src).not.toContain(ALICE);
  }

  await page.waitForLoadState("networkidle");
  expect(seen.length).toBeGreaterThan(0);
  expect(leaks).toEqual([]);

  const readable = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  expect(readable.cookie).not.toContain("apc_session");
  expect(JSON.stringify(readable)).not.toContain(ALICE);

  const [cookie] = (await context.cookies()).filter((c) => c.name === "apc_session");
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  expect(cookie.value).not.toContain(ALICE);
});
