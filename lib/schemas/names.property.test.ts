/**
 * Names are shown in eToro's screens, in this console and in the ledger: a name with
 * a control character or a hidden direction mark (U+202E turns "abc‮gnp.exe" around)
 * must never reach eToro. Property tests over the name schemas; seeded, so CI is stable.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_HIDDEN_CHARACTERS, isPlainText } from "./plain-text";
import { createPortfolioSchema, portfolioNameSchema } from "./portfolio";
import { mintTokenSchema, tokenNameSchema } from "./token";

const SEED = 20261122;
const HIDDEN = [
  "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\n", "\r", "\t",
  "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029",
  "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2060", "\ufeff", "\u061c",
];
const hidden = fc.constantFrom(...HIDDEN);
// A name that would be valid, with one hidden character put somewhere inside it.
const withHidden = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, hidden, fc.nat()).map(([name, h, at]) => {
    const i = 1 + (at % (name.length - 1));
    return name.slice(0, i) + h + name.slice(i);
  });
const visible = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".split(""));
const portfolioName = fc.string({ unit: visible, minLength: 6, maxLength: 9 });
const tokenName = fc.string({ unit: visible, minLength: 2, maxLength: 40 });
const token = { scopeNames: ["etoro-public:trade.demo:read"], expiresAt: null };

describe("names refuse control characters and hidden direction marks", () => {
  it("portfolio names: a valid name with any hidden character inside is refused", () => {
    fc.assert(
      fc.property(portfolioName, (name) => portfolioNameSchema.safeParse(name).success),
      { seed: SEED, numRuns: 200 },
    );
    fc.assert(
      fc.property(withHidden(portfolioName), (name) => !portfolioNameSchema.safeParse(name).success),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("token names: a valid name with any hidden character inside is refused", () => {
    fc.assert(fc.property(tokenName, (name) => tokenNameSchema.safeParse(name).success), { seed: SEED, numRuns: 200 });
    fc.assert(fc.property(withHidden(tokenName), (name) => !tokenNameSchema.safeParse(name).success), { seed: SEED, numRuns: 500 });
  });

  it("no accepted name of any unicode content carries a control or format character", () => {
    const anyText = fc.string({ unit: "binary", maxLength: 24 });
    const forbidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
    fc.assert(
      fc.property(anyText, (text) => {
        for (const schema of [portfolioNameSchema, tokenNameSchema]) {
          const parsed = schema.safeParse(text);
          if (parsed.success && forbidden.test(parsed.data)) return false;
        }
        return true;
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("the whole request names the field: portfolio name, description and token name", () => {
    const create = (over: object) =>
      createPortfolioSchema.safeParse({ agentPortfolioName: "Alpha1", investmentAmountInUsd: 500, userTokenName: "bot", ...token, ...over });
    expect(create({}).success).toBe(true);
    expect(create({ agentPortfolioDescription: "two\nlines" }).success).toBe(true);
    for (const [field, value] of [
      ["agentPortfolioName", "Alp\u202eha1"],
      ["agentPortfolioName", "Alpha\u00001"],
      ["agentPortfolioDescription", "pays \u2066you\u2069 back"],
      ["userTokenName", "bot\u200f1"],
    ] as const) {
      const parsed = create({ [field]: value });
      expect(parsed.success, `${field} ${JSON.stringify(value)}`).toBe(false);
      expect(parsed.error!.issues[0].path).toEqual([field]);
    }
    expect(mintTokenSchema.safeParse({ userTokenName: "a\u202eb", ...token }).error!.issues[0].path).toEqual(["userTokenName"]);
  });
});

/**
 * Characters that show nothing yet are neither control nor format characters: fillers,
 * blanks, ignorables, private use, unassigned, a variation selector after a letter, a
 * space that is not the space. Two names differing only by one of these look the same.
 */
const INVISIBLE = [
  "\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u{1d159}", "\u034f", "\ufe0f", "\ufe00", "\u17b4", "\u{e0100}",
  "\ue000", "\u{f0000}", "\u0378", "\u{e0041}", "\u180e", "\u00a0", "\u2007", "\u3000", "\u200b",
];
const invisible = fc.constantFrom(...INVISIBLE);
const LETTERS = [
  "abcXYZ019", "αβγδΩ", "жизньЯ", "محفظةعربية", "שלוםעולם", "北京投资组合", "한국포트폴리오", "ทดสอบ", "नमस्ते", "çéñüß",
];
const EMOJI = ["👩\u200d💻", "👨\u200d👩\u200d👧", "❤\ufe0f", "🇮🇱", "1\ufe0f\u20e3", "👍🏽", "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}"];
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
/** A name in one script (whole graphemes), perhaps with an emoji, 6–10 UTF-16 units as eToro counts. */
const scriptName = fc
  .tuple(fc.constantFrom(...LETTERS), fc.nat(), fc.option(fc.constantFrom(...EMOJI), { nil: undefined }))
  .map(([letters, n, emoji]) => {
    const chars = [...segmenter.segment(letters)].map((g) => g.segment);
    let name = "";
    for (let i = 0; name.length < 6; i++) name += chars[(n + i) % chars.length];
    if (emoji && name.length + emoji.length <= 10) name += emoji;
    return name;
  });
const ignorable = /[\p{Default_Ignorable_Code_Point}\p{C}\p{Zl}\p{Zp}]/u;
/** What a reader sees: each grapheme either the plain space or something drawn; invisible parts only inside an emoji. */
function rendersVisibly(text: string): boolean {
  const clusters = [...segmenter.segment(text)].map((s) => s.segment);
  return clusters.some((c) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) && !/^[\u2800\u{1d159}]$/u.test(c)) && clusters.every((c) => {
    if (c === " ") return true;
    if (!/^[\p{L}\p{N}\p{P}\p{S}]/u.test(c) || /[\u2800\u{1d159}]/u.test(c)) return false;
    return !ignorable.test(c) || /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(c);
  });
}

describe("names that render as nothing, or hold what does not show, are refused", () => {
  it("a valid portfolio name with a filler, blank, ignorable or odd space inside is refused, naming the field and why", () => {
    fc.assert(
      fc.property(invisible, fc.nat(), (h, at) => {
        const base = "Alpha12";
        const i = 1 + (at % (base.length - 1));
        const parsed = createPortfolioSchema.safeParse({
          agentPortfolioName: base.slice(0, i) + h + base.slice(i), investmentAmountInUsd: 500, userTokenName: "bot", ...token,
        });
        return !parsed.success && parsed.error.issues[0].path[0] === "agentPortfolioName" && parsed.error.issues[0].message === NO_HIDDEN_CHARACTERS;
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("a name made only of blank or invisible characters is refused", () => {
    const blanks = fc.string({ unit: fc.constantFrom(...INVISIBLE, " ", "\u0301"), minLength: 6, maxLength: 10 });
    fc.assert(fc.property(blanks, (name) => !portfolioNameSchema.safeParse(name).success), { seed: SEED, numRuns: 500 });
    for (const name of ["\u3164\u3164\u3164\u3164\u3164\u3164", "\u2800\u2800\u2800\u2800\u2800\u2800", "\uffa0\uffa0\uffa0\uffa0\uffa0\uffa0"]) {
      expect(portfolioNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });

  it("a ZWJ or a combining mark with nothing visible to join is refused; in an emoji it is part of the picture", () => {
    for (const name of ["Alp\u200dha1", "\u0301Alpha1", "Alp \u0301ha", "Alpha\u200d1"]) {
      expect(portfolioNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
    for (const name of ["Dev👩\u200d💻", "Fam👨\u200d👩\u200d👧", "Love❤\ufe0f", "café12", "नमस्ते"]) {
      expect(portfolioNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(true);
    }
  });

  it("names in any script, with or without an emoji, are accepted", () => {
    fc.assert(fc.property(scriptName, (name) => portfolioNameSchema.safeParse(name).success), { seed: SEED, numRuns: 500 });
  });

  it("every accepted name renders something visible and holds nothing invisible outside an emoji", () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(...LETTERS.join("")), weight: 6 },
      { arbitrary: invisible, weight: 1 },
      { arbitrary: hidden, weight: 1 },
      { arbitrary: fc.constantFrom(...EMOJI, " ", "\u0301", "\u200d", "\ufe0f"), weight: 2 },
      { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 1 },
    );
    const anyName = fc.array(unit, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(""));
    let accepted = 0;
    fc.assert(
      fc.property(anyName, (text) => {
        // The rule itself (any length), and the portfolio name schema that applies it.
        const schema = portfolioNameSchema.safeParse(text);
        if (schema.success && !rendersVisibly(schema.data)) return false;
        if (!isPlainText(text)) return true;
        accepted++;
        return rendersVisibly(text);
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // The property says something only if the schema accepted a fair share of the mixes.
    expect(accepted).toBeGreaterThan(100);
  });

  it("a description keeps line breaks and spaces, but not what draws nothing", () => {
    const describe = (text: string) =>
      createPortfolioSchema.safeParse({ agentPortfolioName: "Alpha1", investmentAmountInUsd: 500, userTokenName: "bot", ...token, agentPortfolioDescription: text });
    expect(describe("pays\u00a0out\nmonthly\tok").success).toBe(true);
    for (const text of ["\u3164\u3164", "pays \u2800 out", "a\u200db"]) {
      expect(describe(text).error?.issues[0].path, JSON.stringify(text)).toEqual(["agentPortfolioDescription"]);
    }
  });
});
