/**
 * The sign-in fields' rules and words, without zod: the login page checks them by
 * hand so its first load carries no schema library, and signInSchema (session.ts)
 * is built from the same rules for the BFF. sign-in-rules.test.ts keeps the two in step.
 */

// Keys travel as HTTP header values: printable ASCII only, or fetch itself refuses them.
export const HEADER_SAFE = /^[\x21-\x7e]+$/;
export const MAX_KEY_LENGTH = 4096;

export const SIGN_IN_WORDS = {
  userKeyMissing: "Enter your user key.",
  apiKeyMissing: "Enter the API key.",
  tooLong: "That key is too long.",
  userKeyUnsafe: "A user key has no spaces or special characters. Paste it again.",
  apiKeyUnsafe: "An API key has no spaces or special characters. Paste it again.",
} as const;

export type SignInField = "userKey" | "apiKey";

/** The first problem with one field's value, in the schema's order, or null. */
export function signInFieldError(field: SignInField, raw: string, { apiKeyRequired = false } = {}): string | null {
  const value = raw.trim();
  if (field === "userKey") {
    if (value.length < 1) return SIGN_IN_WORDS.userKeyMissing;
    if (value.length > MAX_KEY_LENGTH) return SIGN_IN_WORDS.tooLong;
    if (!HEADER_SAFE.test(value)) return SIGN_IN_WORDS.userKeyUnsafe;
    return null;
  }
  // The API key may be left empty (the server has one) unless the form asks for it.
  if (raw === "") return apiKeyRequired ? SIGN_IN_WORDS.apiKeyMissing : null;
  if (value.length > MAX_KEY_LENGTH) return SIGN_IN_WORDS.tooLong;
  if (!HEADER_SAFE.test(value)) return SIGN_IN_WORDS.apiKeyUnsafe;
  return null;
}
