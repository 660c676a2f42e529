/**
 * Names are shown in eToro's screens, in this console and in the ledger: a name with
 * a control character or a hidden direction mark (U+202E turns "abc‮gnp.exe" around)
 * must never reach eToro. Property tests over the name schemas; seeded, so CI is stable.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
