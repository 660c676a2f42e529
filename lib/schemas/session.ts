import { z } from "zod";

// Keys travel as HTTP header values: printable ASCII only, or fetch itself refuses them.
const headerSafe = /^[\x21-\x7e]+$/;

export const signInSchema = z.object({
  userKey: z
    .string()
    .trim()
    .min(1, "Enter your user key.")
    .max(4096, "That key is too long.")
    .regex(headerSafe, "A user key has no spaces or special characters. Paste it again."),
  apiKey: z
    .string()
    .trim()
    .max(4096, "That key is too long.")
    .regex(headerSafe, "An API key has no spaces or special characters. Paste it again.")
    .optional()
    .or(z.literal("")),
});
export type SignInInput = z.input<typeof signInSchema>;
