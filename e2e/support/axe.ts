import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * The dark theme changes colours only (the theme toggle's icons swap too, both
 * aria-hidden): what else axe checks reads the same DOM in both themes, so the
 * dark pass runs the rules that read colours. Compared once on the playground
 * (Swagger UI with its own dark styles, 1280 and 390 px): every other rule gave
 * the same passes, violations and incompletes, node for node, in both themes.
 */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** The open modal: Radix marks everything else aria-hidden while it is open. */
const OPEN_DIALOG = '[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]';

/**
 * No serious or critical axe violation, in light and dark.
 *
 * `dialog: true` scans only the open dialog, with every rule as for a page. While
 * a modal is open the page behind it is aria-hidden and out of reach (focus stays
 * in the dialog) and unchanged: the page itself is scanned whole in its own state
 * (say, "portfolios" for the dialogs opened from /portfolios), so a whole scan
 * with the dialog open measured that page again.
 */
export async function expectAccessible(
  page: Page,
  what: string,
  options: {
    dialog?: boolean;
    /** Left out of the scan (CSS selector). */
    exclude?: string;
    /** Called in each theme before its scan (say, a screenshot for a person to look at). */
    inTheme?: (theme: "light" | "dark") => Promise<void>;
  } = {},
) {
  if (options.dialog) await expect(page.locator(OPEN_DIALOG)).toHaveCount(1);
  for (const theme of ["light", "dark"] as const) {
    await showTheme(page, theme);
    // Node details for violations only: the passes' details (every node of the page) cost a third of a scan.
    await options.inTheme?.(theme);
    const axe = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
    if (options.dialog) axe.include(OPEN_DIALOG);
    if (options.exclude) axe.exclude(options.exclude);
    if (theme === "dark") axe.withRules(COLOUR_RULES);
    const { violations } = await axe.analyze();
    const bad = violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
    expect(bad, `${what} in ${theme}`).toEqual([]);
  }
  await showTheme(page, "light");
}

/**
 * The theme as a person whose system asks for it sees it: the console follows the system
 * (next-themes, "system" by default), so the preference is emulated and the page's own
 * provider sets the class. Setting the class by hand raced with the provider: on a page
 * not yet hydrated when the test went on, its first effect put the system's theme back
 * in the middle of a dark scan.
 */
async function showTheme(page: Page, theme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: theme });
  await page.waitForFunction((t) => document.documentElement.classList.contains("dark") === (t === "dark"), theme);
  await page.evaluate(async () => {
    // Transitions and the dialog's open animation end before contrast is measured (reduced motion
    // makes each one frame long). Waited for at most 1 s, since a loaded machine paints late;
    // endless ones are not waited for.
    const ending = document.getAnimations().filter((a) => a.playState === "running" && a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.race([Promise.all(ending.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 1_000))]);
  });
}
