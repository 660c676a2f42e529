/**
 * What a browser pays for a page, measured in Debian's Chromium (Playwright):
 * first-load JavaScript as transferred (compressed bytes on the wire), time from
 * navigation to the first rows on screen, and main-thread work per search keystroke
 * (Chrome's TaskDuration metric, so it counts rendering too, not only our code).
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { median } from "./report";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A browser context carrying a session cookie ("name=value; name2=value2") for baseUrl. */
export async function contextWith(browser: Browser, baseUrl: string, cookie?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (cookie) {
    await context.addCookies(
      cookie.split(/;\s*/).map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
      }),
    );
  }
  return context;
}

/** JavaScript a cold load of `url` transfers before the page is idle, in KB (1,000 bytes). */
export async function firstLoadJsKb(context: BrowserContext, url: string): Promise<{ kb: number; files: number }> {
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  // A new CDP session with the cache off: this is the first visit, not a repeat one.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(url, { waitUntil: "networkidle" });
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await page.close();
  return { kb: Math.round(bytes / 100) / 10, files: sizes.length };
}

/**
 * Milliseconds from navigation start until `ready` resolves (the page's first
 * rows are visible), median of `runs` loads with a warm browser cache (a person
 * coming back to the page).
 */
export async function readyMs(context: BrowserContext, url: string, ready: (page: Page) => Promise<unknown>, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await ready(page);
    const elapsed = performance.now() - started;
    if (i > 0) samples.push(elapsed); // the first load warms the cache and the server
    await page.close();
  }
  return Math.round(median(samples));
}

/** Main-thread milliseconds one keystroke into the search box costs, median over `keys`. */
export async function keystrokeMainThreadMs(page: Page, search: ReturnType<Page["getByRole"]>, keys = "realip"): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const taskSeconds = async () => {
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    return metrics.find((m) => m.name === "TaskDuration")?.value ?? 0;
  };
  await search.click();
  const samples: number[] = [];
  for (const key of keys) {
    // Let the previous keystroke's work (debounce included) finish first.
    await page.waitForTimeout(400);
    const before = await taskSeconds();
    await page.keyboard.type(key);
    await page.waitForTimeout(400);
    samples.push((await taskSeconds()) - before);
  }
  await cdp.detach();
  // The 400 ms wait itself costs a little idle-task time; it is the same for every page.
  return Math.round(median(samples) * 1000 * 10) / 10;
}
