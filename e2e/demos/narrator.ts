/**
 * Tells a demo story on screen and on disk: each step shows its caption in an
 * overlay (injected by the demo only; the product never shows it), runs inside
 * a Playwright test step, then leaves a screenshot and the visible text of the
 * page behind. `steps.json` holds the chapter list (titles with their times in
 * the video) that index.html plays beside the video.
 */
import { test, type Page } from "@playwright/test";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export type StepRecord = {
  title: string;
  caption: string;
  atSeconds: number;
  screenshot: string;
  text: string;
  /** Also the README's picture of this page (docs/demo/<name>.png), when the demo runs with --readme. */
  readme?: string;
};
export type StoryRecord = { name: string; title: string; summary: string; steps: StepRecord[] };

const CAPTION_KEY = "apc-demo-caption";

/** Runs in every document of the demo's tab: shows the current caption (kept in sessionStorage across navigations). */
function installCaptionOverlay(key: string) {
  const paint = () => {
    const text = sessionStorage.getItem(key);
    let box = document.querySelector<HTMLElement>("[data-demo-caption]");
    if (!text) {
      box?.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("data-demo-caption", "");
      box.setAttribute("aria-hidden", "true");
      Object.assign(box.style, {
        position: "fixed",
        left: "50%",
        bottom: "24px",
        transform: "translateX(-50%)",
        maxWidth: "min(90vw, 880px)",
        padding: "10px 18px",
        borderRadius: "10px",
        background: "rgba(15, 23, 42, 0.92)",
        color: "#f8fafc",
        font: "500 17px/1.4 system-ui, sans-serif",
        textAlign: "center",
        boxShadow: "0 6px 24px rgba(0,0,0,.35)",
        zIndex: "2147483647",
        pointerEvents: "none",
      });
      document.documentElement.appendChild(box);
    }
    box.textContent = text;
  };
  window.addEventListener("apc-demo-caption", paint);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", paint);
  else paint();
}

/**
 * What may differ between two runs of a story and says nothing about it:
 * secrets, their hints, ids, and what the sandbox stamps with its own clock as a
 * run goes: "now"-relative times under an hour of what it created ("created 5
 * seconds ago") and the UTC instant screen readers hear beside each relative time.
 * The browser's own clock is fixed (see `clockAt`), so nothing it computes needs a mask.
 */
export function maskVolatile(text: string): string {
  return text
    .replace(/sk_sandbox_[A-Za-z0-9]+/g, "sk_sandbox_<secret>")
    .replace(/\b(in \d+ (seconds?|minutes?)|\d+ (seconds?|minutes?) ago|now)\b/g, "<recently>")
    .replace(/…[A-Za-z0-9]{4}\b/g, "…<hint>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>")
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, "<UTC time>");
}

export class Narrator {
  readonly steps: StepRecord[] = [];
  private readonly startedAt = Date.now();

  private constructor(
    private readonly page: Page,
    private readonly outDir: string,
    private readonly pauseMs: number,
  ) {}

  /**
   * `clockAt` is the browser's "now" for the whole story: every relative time and
   * preview ("expires … 11:16 PM your time") reads the same however long a step
   * takes, and two runs given the same instant show the same texts.
   */
  static async start(page: Page, options: { outDir: string; pauseMs: number; clockAt: number }): Promise<Narrator> {
    await mkdir(options.outDir, { recursive: true });
    await page.clock.setFixedTime(options.clockAt);
    await page.addInitScript(installCaptionOverlay, CAPTION_KEY);
    return new Narrator(page, options.outDir, options.pauseMs);
  }

  private async caption(text: string) {
    await this.page
      .evaluate(
        ([key, value]) => {
          sessionStorage.setItem(key, value);
          window.dispatchEvent(new Event("apc-demo-caption"));
        },
        [CAPTION_KEY, text] as const,
      )
      .catch(() => undefined); // about:blank before the first navigation has no storage
  }

  /** One chapter: caption on, the actions, a pause for the viewer, then a screenshot and the page's text. */
  async step(title: string, caption: string, actions: () => Promise<void>, options: { readme?: string } = {}): Promise<void> {
    await test.step(title, async () => {
      const atSeconds = Math.round((Date.now() - this.startedAt) / 100) / 10;
      await this.caption(caption);
      await actions();
      await this.caption(caption); // a navigation inside the actions starts a new document
      await this.page.waitForTimeout(this.pauseMs);
      const index = String(this.steps.length + 1).padStart(2, "0");
      const screenshot = `${index}-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.png`;
      await this.page.screenshot({ path: path.join(this.outDir, screenshot) });
      // The caption and passing toasts are not the page's content: read the text without them.
      const text = await this.page.evaluate(() => {
        const hidden = [...document.querySelectorAll<HTMLElement>("[data-demo-caption], [data-sonner-toaster]")];
        hidden.forEach((el) => (el.style.visibility = "hidden"));
        const all = document.body.innerText;
        hidden.forEach((el) => (el.style.visibility = ""));
        return all;
      });
      this.steps.push({ title, caption, atSeconds, screenshot, text: maskVolatile(text).trim(), ...options });
    });
  }

  async finish(story: { name: string; title: string; summary: string }): Promise<StoryRecord> {
    await this.caption("");
    const record: StoryRecord = { ...story, steps: this.steps };
    await writeFile(path.join(this.outDir, "steps.json"), `${JSON.stringify(record, null, 2)}\n`);
    return record;
  }
}
