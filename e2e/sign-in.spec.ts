import { ALICE, BOB, expect, sandbox, signIn, signInThroughForm, signOut, test } from "./support/fixtures";

test("the login page shows sandbox mode and its demo keys", async ({ page }) => {
  await page.goto("/portfolios");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Sandbox mode")).toBeVisible();
  await expect(page.getByRole("button", { name: `Use demo key ${ALICE}` })).toBeVisible();
  await expect(page.getByLabel("API key")).toHaveCount(0);
});

test("alice signs in and sees her seeded portfolios with their tokens", async ({ page }) => {
  await signInThroughForm(page, ALICE);
  await expect(page).toHaveURL(/\/portfolios$/);
  for (const name of ["AlphaBot", "MeanRevert", "DemoScout"]) {
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  }
  const alpha = page.getByRole("region", { name: "AlphaBot" });
  await expect(alpha.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByText("Real money · trade").first()).toBeVisible();
  await expect(page.getByText("Expired", { exact: true }).first()).toBeVisible();
});

test("a wrong key shows a clear error and sets no cookie", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByLabel("User key").fill("not-a-real-key");
  await page.getByRole("button", { name: "Sign in" }).click();
  const failure = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
  await expect(failure).toContainText("eToro did not accept this user key");
  await expect(failure).toContainText("Request id:");
  await expect(page).toHaveURL(/\/login$/);
  expect((await context.cookies()).filter((c) => c.name === "apc_session")).toHaveLength(0);
});

test("an empty key is caught before any request", async ({ page }) => {
  await page.goto("/login");
  let posted = false;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/session") && r.method() === "POST") posted = true;
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your user key.")).toBeVisible();
  expect(posted).toBe(false);
});

test("bob sees none of alice's portfolios", async ({ page }) => {
  await signIn(page, BOB);
  await expect(page.getByText("No agent portfolios yet")).toBeVisible();
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toHaveCount(0);
});

test("search narrows the list", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByLabel("Search").fill("scout");
  await expect(page.getByRole("heading", { name: "DemoScout" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "AlphaBot" })).toHaveCount(0);
});

test("sign out ends the session", async ({ page, context }) => {
  await signIn(page, ALICE);
  await signOut(page);
  await expect(page).toHaveURL(/\/login$/);
  expect((await context.cookies()).filter((c) => c.name === "apc_session")).toHaveLength(0);
  await page.goto("/portfolios");
  await expect(page).toHaveURL(/\/login$/);
  const res = await page.request.get("/api/portfolios");
  expect(res.status()).toBe(401);
});

test("a tampered cookie is a 401 on the API and a redirect on pages, never a 500", async ({ page, context }) => {
  await signIn(page, ALICE);
  const [cookie] = (await context.cookies()).filter((c) => c.name === "apc_session");
  const flipped = cookie.value.slice(0, -6) + (cookie.value.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
  await context.clearCookies();
  await context.addCookies([{ ...cookie, value: flipped }]);
  const api = await page.request.get("/api/portfolios");
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("NotSignedIn");
  // A page of its own: the open one may already be on its way to /login (its approvals badge asks every few seconds).
  const fresh = await context.newPage();
  await fresh.goto("/portfolios");
  await expect(fresh).toHaveURL(/\/login$/);
});

test("a session that ends while the page is open sends the person to sign in", async ({ page, context }) => {
  await signIn(page, ALICE);
  await context.clearCookies();
  // The page notices by itself (the approvals badge asks every few seconds) or at the person's next action, whichever comes first.
  await page
    .getByRole("region", { name: "AlphaBot" })
    .getByRole("button", { name: "Mint token" })
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await expect(page).toHaveURL(/\/login$/, { timeout: 15_000 });
});

test("an unknown page says so and links home", async ({ page }) => {
  const res = await page.goto("/nowhere");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("when eToro stops accepting the key, the session ends and the page goes to sign-in", async ({ page, context }) => {
  await signIn(page, ALICE);
  await page.request.delete(`/api/portfolios/00000000-0000-4000-8000-000000000000`, { headers: { origin: new URL(page.url()).origin } });
  await sandbox.fault({ status: 401 });
  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  expect((await context.cookies()).filter((c) => c.name === "apc_session")).toHaveLength(0);
});
