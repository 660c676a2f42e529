import { z } from "./zod";
import { MAX_INSTRUMENTS, MAX_USD_CENTS, NO_BOUNDARIES, tokenBoundariesSchema, type TokenBoundaries } from "./boundaries";

/**
 * The boundaries as a person types them: money in dollars and cents ("250",
 * "1,000.50", "$99.5"), numbers as text, instruments with their symbols (for
 * the chips), trading hours behind a switch. `boundariesDraftSchema` turns a
 * draft into the shared TokenBoundaries (whole cents), with each message on the
 * field the person typed in; `draftFromBoundaries` goes back for the edit dialog.
 */

export type InstrumentChoice = { instrumentId: number; symbol: string };

export type BoundariesDraft = {
  maxOrderUsd: string;
  maxLeverage: string;
  dailyBudgetUsd: string;
  weeklyBudgetUsd: string;
  instrumentsAllowed: InstrumentChoice[];
  instrumentsRefused: InstrumentChoice[];
  hoursLimited: boolean;
  fromUtc: string;
  toUtc: string;
  requestsPerMinute: string;
  readOnly: boolean;
  approvalAboveUsd: string;
  approvalEveryRealOrder: boolean;
  approvalOutsideList: boolean;
};

export const EMPTY_BOUNDARIES_DRAFT: BoundariesDraft = {
  maxOrderUsd: "",
  maxLeverage: "",
  dailyBudgetUsd: "",
  weeklyBudgetUsd: "",
  instrumentsAllowed: [],
  instrumentsRefused: [],
  hoursLimited: false,
  fromUtc: "09:00",
  toUtc: "17:00",
  requestsPerMinute: "",
  readOnly: false,
  approvalAboveUsd: "",
  approvalEveryRealOrder: false,
  approvalOutsideList: false,
};

const USD_TEXT = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
const MONEY_MESSAGE = "Enter dollars and cents, such as 250 or 99.50.";

/** "1,234.5" → 123450 cents, exactly (no floating point); null for an invalid text. */
export function usdTextToCents(text: string): number | null {
  const match = USD_TEXT.exec(text.trim());
  if (!match) return null;
  const dollars = match[1].replaceAll(",", "");
  // Longer than any allowed amount: refuse before Number() rounds it.
  if (dollars.replace(/^0+/, "").length > 12) return Number.POSITIVE_INFINITY;
  return Number(dollars) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 12345 → "123.45" (the form's text for an amount, no separators so it parses back as typed). */
export function centsToUsdText(cents: number | null): string {
  if (cents === null) return "";
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/** A money field: empty is "no limit" (null); otherwise dollars and cents, above zero, within MAX_USD_CENTS. */
const usdField = z
  .string()
  .max(40, MONEY_MESSAGE)
  .transform((text, ctx) => {
    if (text.trim() === "") return null;
    const cents = usdTextToCents(text);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: MONEY_MESSAGE });
      return z.NEVER;
    }
    if (cents <= 0) {
      ctx.addIssue({ code: "custom", message: "Enter an amount above zero, or leave it empty for no limit." });
      return z.NEVER;
    }
    if (cents > MAX_USD_CENTS) {
      ctx.addIssue({ code: "custom", message: "That is more than any account holds." });
      return z.NEVER;
    }
    return cents;
  });

/** A whole-number field: empty is null. */
function wholeField(min: number, max: number, words: string) {
  return z
    .string()
    .max(20, words)
    .transform((text, ctx) => {
      const t = text.trim();
      if (t === "") return null;
      if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) {
        ctx.addIssue({ code: "custom", message: words });
        return z.NEVER;
      }
      return Number(t);
    });
}

const instrumentChoice = z.object({ instrumentId: z.number().int().positive(), symbol: z.string().max(64) });
const instrumentChoices = z.array(instrumentChoice).max(MAX_INSTRUMENTS, `Use at most ${MAX_INSTRUMENTS} instruments.`);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour UTC time such as 09:30.");

export const boundariesDraftSchema = z
  .object({
    maxOrderUsd: usdField,
    maxLeverage: wholeField(1, 1000, "Enter a whole number from 1 to 1000, or leave it empty."),
    dailyBudgetUsd: usdField,
    weeklyBudgetUsd: usdField,
    instrumentsAllowed: instrumentChoices,
    instrumentsRefused: instrumentChoices,
    hoursLimited: z.boolean(),
    fromUtc: z.string(),
    toUtc: z.string(),
    requestsPerMinute: wholeField(1, 6000, "Enter a whole number from 1 to 6000, or leave it empty."),
    readOnly: z.boolean(),
    approvalAboveUsd: usdField,
    approvalEveryRealOrder: z.boolean(),
    approvalOutsideList: z.boolean(),
  })
  .superRefine((d, ctx) => {
    const refused = new Set(d.instrumentsRefused.map((i) => i.instrumentId));
    const both = d.instrumentsAllowed.find((i) => refused.has(i.instrumentId));
    if (both) ctx.addIssue({ code: "custom", path: ["instrumentsRefused"], message: `${both.symbol} is both allowed and refused. Remove it from one list.` });
    if (!d.hoursLimited) return;
    for (const key of ["fromUtc", "toUtc"] as const) {
      const checked = time.safeParse(d[key]);
      if (!checked.success) ctx.addIssue({ code: "custom", path: [key], message: checked.error.issues[0].message });
    }
    if (d.fromUtc === d.toUtc) ctx.addIssue({ code: "custom", path: ["toUtc"], message: "The window must not start and end at the same time." });
  })
  .transform(
    (d): z.input<typeof tokenBoundariesSchema> => ({
      maxOrderUsdCents: d.maxOrderUsd,
      maxLeverage: d.maxLeverage,
      dailyBudgetUsdCents: d.dailyBudgetUsd,
      weeklyBudgetUsdCents: d.weeklyBudgetUsd,
      instrumentsAllowed: d.instrumentsAllowed.map((i) => i.instrumentId),
      instrumentsRefused: d.instrumentsRefused.map((i) => i.instrumentId),
      tradingHours: d.hoursLimited ? { fromUtc: d.fromUtc, toUtc: d.toUtc } : null,
      requestsPerMinute: d.requestsPerMinute,
      readOnly: d.readOnly,
      approval: { aboveUsdCents: d.approvalAboveUsd, everyRealOrder: d.approvalEveryRealOrder, outsideInstrumentList: d.approvalOutsideList },
    }),
  )
  .pipe(tokenBoundariesSchema);

/** The draft for boundaries as stored; `symbols` names the instruments (an unknown one shows as #id). */
export function draftFromBoundaries(b: TokenBoundaries, symbols: ReadonlyMap<number, string> = new Map()): BoundariesDraft {
  const choice = (instrumentId: number) => ({ instrumentId, symbol: symbols.get(instrumentId) ?? `#${instrumentId}` });
  return {
    maxOrderUsd: centsToUsdText(b.maxOrderUsdCents),
    maxLeverage: b.maxLeverage === null ? "" : String(b.maxLeverage),
    dailyBudgetUsd: centsToUsdText(b.dailyBudgetUsdCents),
    weeklyBudgetUsd: centsToUsdText(b.weeklyBudgetUsdCents),
    instrumentsAllowed: b.instrumentsAllowed.map(choice),
    instrumentsRefused: b.instrumentsRefused.map(choice),
    hoursLimited: b.tradingHours !== null,
    fromUtc: b.tradingHours?.fromUtc ?? EMPTY_BOUNDARIES_DRAFT.fromUtc,
    toUtc: b.tradingHours?.toUtc ?? EMPTY_BOUNDARIES_DRAFT.toUtc,
    requestsPerMinute: b.requestsPerMinute === null ? "" : String(b.requestsPerMinute),
    readOnly: b.readOnly,
    approvalAboveUsd: centsToUsdText(b.approval.aboveUsdCents),
    approvalEveryRealOrder: b.approval.everyRealOrder,
    approvalOutsideList: b.approval.outsideInstrumentList,
  };
}

/** Whether two boundaries say the same (instrument order aside). */
export function sameBoundaries(a: TokenBoundaries, b: TokenBoundaries): boolean {
  const norm = (x: TokenBoundaries) =>
    JSON.stringify({ ...x, instrumentsAllowed: [...x.instrumentsAllowed].sort(), instrumentsRefused: [...x.instrumentsRefused].sort() });
  return norm(a) === norm(b);
}

export { NO_BOUNDARIES };
