/**
 * What a name may hold so that what people see is what eToro, the console and the
 * ledger store: two names that look the same must be the same text.
 *
 * "Renders as nothing" means, by Unicode's own properties:
 * - characters that draw nothing: Default_Ignorable_Code_Point (zero-width joiners
 *   and spaces, word joiner U+2060, Mongolian vowel separator U+180E, grapheme joiner
 *   U+034F, variation selectors, tags U+E0000–E007F, Hangul fillers U+115F, U+1160,
 *   U+3164, U+FFA0, soft hyphen), every format character (Cf: bidi overrides,
 *   isolates and marks), control characters (Cc), line and paragraph separators;
 * - characters with no fixed look: private use (Co), unassigned (Cn), lone surrogates;
 * - a combining mark with nothing to combine with (first, or right after a space);
 * - a name made only of blanks.
 * Inside an emoji sequence, ZWJ, U+FE0F, skin tones and tags are what draw the one
 * picture (👩‍💻, ❤️, 🏴󠁧󠁢󠁳󠁣󠁴󠁿), so emoji sequences are taken whole first: a ZWJ between two
 * pictographs joins them visibly, a ZWJ between letters joins nothing you can see.
 * Scripts that use ZWJ/ZWNJ inside words (Persian, some Indic spellings) lose them:
 * the same word without them stays a valid name.
 */

/**
 * Blank glyphs that no Unicode property marks as blank or ignorable (both gc=So):
 * U+2800 BRAILLE PATTERN BLANK and U+1D159 MUSICAL SYMBOL NULL NOTEHEAD. They are
 * the usual "invisible name" trick once fillers and zero-width characters are refused.
 */
const BLANK_SYMBOLS = "\\u2800\\u{1D159}";

const DRAWS_NOTHING = `\\p{Default_Ignorable_Code_Point}\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Co}\\p{Cn}\\p{Cs}${BLANK_SYMBOLS}`;

/**
 * An emoji as UTS #51 defines a possible emoji (ED-27), with ZWJ allowed only
 * between pictographs: flags, keycaps, and pictographs with a modifier, U+FE0F or a
 * tag sequence, joined by ZWJ. Extended_Pictographic also covers code points kept
 * free for future emoji; those are not assigned yet, so nothing can draw them.
 */
const PICTOGRAPH = "(?!\\p{Cn})\\p{Extended_Pictographic}(?:\\p{Emoji_Modifier}|\\uFE0F|[\\u{E0020}-\\u{E007E}]+\\u{E007F})?";
const EMOJI = new RegExp(`\\p{Regional_Indicator}{2}|\\p{Emoji}\\uFE0F\\u20E3|${PICTOGRAPH}(?:\\u200D${PICTOGRAPH})*`, "gu");

/** Names: the one ordinary space, so "Alpha Bot" and "Alpha\u00a0Bot" cannot both exist. */
const HIDDEN_IN_NAME = new RegExp(`[${DRAWS_NOTHING}]|(?! )\\p{White_Space}`, "u");
/** A description is prose: any space, tabs and line breaks (CR, LF) are part of it. */
const HIDDEN_IN_PROSE = new RegExp(`(?![\\t\\n\\r])[${DRAWS_NOTHING}]`, "u");
const LONE_MARK = /(?:^|\p{White_Space})\p{M}/u;
const VISIBLE = /[^\p{White_Space}\p{M}]/u;

export const NO_HIDDEN_CHARACTERS =
  "Use visible characters only: no invisible, blank-looking or control characters (zero-width joiners, fillers, direction marks, special spaces).";

function hiddenIn(value: string, hidden: RegExp): boolean {
  // An emoji sequence is one visible picture: stand it in with a visible letter.
  const rest = value.replace(EMOJI, "E");
  return hidden.test(rest) || LONE_MARK.test(rest) || (rest.length > 0 && !VISIBLE.test(rest));
}

export function isPlainText(value: string): boolean {
  return !hiddenIn(value, HIDDEN_IN_NAME);
}

export function isPlainMultilineText(value: string): boolean {
  return !hiddenIn(value, HIDDEN_IN_PROSE);
}
