import { expect, test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { APP_URL, SANDBOX_URL, SHARED_SANDBOX_URL } from "./ports";

export const ALICE = "sandbox-alice";
export const BOB = "sandbox-bob";

/** Every control request carries it: the sandbox refuses requests a web page could forge. */
const CONTROL = { "x-sandbox-control": "1" };

/** Drives a sandbox's control API: reset, faults, call counts. */
function sandboxAt(url: string) {
  const control = {
    /** Back to the seed; `seed` asks for N generated portfolios with K tokens each instead. */
    async reset(seed?: { seedPortfolios: number; seedTokens?: number }) {
      const res = await fetch(`${url}/__sandbox/reset`, {
        method: "POST",
        headers: seed ? { ...CONTROL, "content-type": "application/json" } : CONTROL,
        body: seed ? JSON.stringify(seed) : undefined,
      });
      expect(res.status).toBe(204);
    },
    async fault(fault: Record<string, unknown>) {
      const res = await fetch(`${url}/__sandbox/faults`, {
        method: "POST",
        headers: { ...CONTROL, "content-type": "application/json" },
        body: JSON.stringify(fault),
      });
      expect(res.status).toBe(204);
    },
    async clearFaults() {
      await fetch(`${url}/__sandbox/faults`, { method: "DELETE", headers: CONTROL });
    },
    async stats(): Promise<{ total: number; byRoute: Record<string, number> }> {
      return (await fetch(`${url}/__sandbox/stats`, { headers: CONTROL })).json();
    },
    /** How many requests the sandbox has had for one route, e.g. "POST /api/v1/…/by-amount". */
    async calls(route: string): Promise<number> {
      return (await control.stats()).byRoute[route] ?? 0;
    },
    async resetStats() {
      await fetch(`${url}/__sandbox/stats/reset`, { method: "POST", headers: CONTROL });
    },
  };
  return control;
}

/** The sandbox of the lane this worker runs on (its console's upstream). */
export const sandbox = sandboxAt(SANDBOX_URL);
/** The sandbox of the consoles that exist once (e2e/support/ports.ts), reset before each test of the "shared" project. */
const sharedSandbox = sandboxAt(SHARED_SANDBOX_URL);

/**
 * Signs in as the login form does (the same POST /api/session, sharing the browser's
 * cookies) and opens /portfolios. Most tests only need to be signed in; loading the
 * login page first cost each of them about a second. The form itself: signInThroughForm.
 */
export async function signIn(page: Page, userKey: string) {
  await signInQuietly(page, userKey);
  await page.goto("/portfolios");
  await expect(page.getByRole("heading", { name: "Agent portfolios", exact: true })).toBeVisible();
}

/** Signs in by typing the key into the login page, as a person does (sign-in tests, demos). */
export async function signInThroughForm(page: Page, userKey: string) {
  await page.goto("/login");
  await page.getByLabel("User key").fill(userKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Agent portfolios", exact: true })).toBeVisible();
}

/**
 * Signs in over the API, sharing the browser's cookies, without landing on
 * /portfolios: for accounts so large that the first read of their list is the
 * thing under test (say, 10,000 tokens never seen before, each recorded once in
 * the ledger as discovered), which the test then waits for on its own page.
 */
export async function signInQuietly(page: Page, userKey: string) {
  const res = await page.request.post(`${APP_URL}/api/session`, { data: { userKey }, headers: { origin: APP_URL } });
  expect(res.status()).toBe(204);
}

/** Signs out through the account menu in the header. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/**
 * What React writes to the console when it gives up on the server's HTML or
 * crashes: hydration mismatches (#418, #423, #425…) and every minified error.
 */
const REACT_ERROR = /Minified React error #\d+|Hydration failed|did not match|hydrat(ed|ion).*(mismatch|didn't match)|There was an error while hydrating/i;

/** The errors seen in the browser during the running test (tests run one at a time per worker). */
let pageErrors: string[] = [];
const watched = new WeakSet<BrowserContext>();

function watchPage(page: Page) {
  page.on("pageerror", (error) => pageErrors.push(`uncaught on ${page.url()}: ${error.stack ?? error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && REACT_ERROR.test(message.text())) pageErrors.push(`React on ${page.url()}: ${message.text()}`);
  });
}

function watchContext(context: BrowserContext) {
  if (watched.has(context)) return;
  watched.add(context);
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
}

export const test = base.extend<{ resetSandbox: void; failOnPageErrors: void; allowedPageErrors: RegExp[] }, { browser: Browser }>({
  // Contexts a test opens itself are watched as well as the default one, and ask for reduced motion as it does (playwright.config.ts).
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options = {}) => {
        const context = await newContext({ reducedMotion: "reduce", ...options });
        watchContext(context);
        return context;
      };
      await use(browser);
    },
    { scope: "worker" },
  ],
  context: async ({ context }, provide) => {
    watchContext(context);
    await provide(context);
  },
  /** Errors a test causes on purpose (say, the network failing), declared with test.use(). */
  allowedPageErrors: [[], { option: true }],
  /** Any uncaught page error or React error in the console fails the test that caused it. */
  failOnPageErrors: [
    async ({ allowedPageErrors }, use) => {
      pageErrors = [];
      await use();
      const unexpected = pageErrors.filter((error) => !allowedPageErrors.some((allowed) => allowed.test(error)));
      pageErrors = [];
      expect(unexpected, "errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
  resetSandbox: [
    async ({}, use, testInfo) => {
      const sandboxes = testInfo.project.name === "shared" ? [sandbox, sharedSandbox] : [sandbox];
      for (const each of sandboxes) {
        await each.clearFaults();
        await each.reset();
      }
      await use();
      for (const each of sandboxes) await each.clearFaults();
    },
    { auto: true },
  ],
});

export { expect };
