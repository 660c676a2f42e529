import { HEADER_SAFE, MAX_KEY_LENGTH, SIGN_IN_WORDS } from "./sign-in-rules";
import { z } from "./zod";

// The rules and words live in sign-in-rules.ts, shared with the login page's hand check.
export const signInSchema = z.object({
  userKey: z
    .string()
    .trim()
    .min(1, SIGN_IN_WORDS.userKeyMissing)
    .max(MAX_KEY_LENGTH, SIGN_IN_WORDS.tooLong)
    .regex(HEADER_SAFE, SIGN_IN_WORDS.userKeyUnsafe),
  apiKey: z
    .string()
    .trim()
    .max(MAX_KEY_LENGTH, SIGN_IN_WORDS.tooLong)
    .regex(HEADER_SAFE, SIGN_IN_WORDS.apiKeyUnsafe)
    .optional()
    .or(z.literal("")),
});
export type SignInInput = z.input<typeof signInSchema>;
