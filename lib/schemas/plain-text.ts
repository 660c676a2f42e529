/**
 * Characters a name must never carry to eToro: control characters (NUL, escapes,
 * newlines), invisible format characters (bidi overrides and isolates such as
 * U+202E and U+2066–U+2069, direction marks U+200E/U+200F, zero-width characters)
 * and line/paragraph separators. They make a name look like something it is not,
 * in the console, in eToro's screens and in the ledger.
 */
const HIDDEN_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** The same, but a description may keep line breaks and tabs. */
const HIDDEN_OR_CONTROL_BUT_LINES = /(?![\n\r\t])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export const NO_HIDDEN_CHARACTERS = "Use visible characters only: no control characters or hidden text-direction marks.";

export function isPlainText(value: string): boolean {
  return !HIDDEN_OR_CONTROL.test(value);
}

export function isPlainMultilineText(value: string): boolean {
  return !HIDDEN_OR_CONTROL_BUT_LINES.test(value);
}
