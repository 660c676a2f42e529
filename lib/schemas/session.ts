import { z } from "zod";

export const signInSchema = z.object({
  userKey: z.string().trim().min(1, "Enter your user key.").max(4096, "That key is too long."),
  apiKey: z.string().trim().max(4096, "That key is too long.").optional(),
});
export type SignInInput = z.input<typeof signInSchema>;
