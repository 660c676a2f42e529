/**
 * GET /api/instruments's query string: `q` (search by symbol or name) or `ids`
 * (names for instruments already chosen), one of the two.
 */
import { z } from "zod";
import { MAX_INSTRUMENTS } from "./boundaries";

export const instrumentQuerySchema = z
  .object({
    q: z.string().trim().min(1, "Type at least one character of a symbol.").max(32, "Search for at most 32 characters.").optional(),
    ids: z
      .string()
      .regex(/^\d{1,9}(,\d{1,9})*$/, "ids is a comma-separated list of instrument ids.")
      .transform((s) => [...new Set(s.split(",").map(Number))])
      .pipe(z.array(z.number().int().positive("Instrument ids start at 1.")).max(MAX_INSTRUMENTS, `Ask for at most ${MAX_INSTRUMENTS} ids.`))
      .optional(),
  })
  .strict()
  .refine((v) => (v.q === undefined) !== (v.ids === undefined), { message: "Give either q (a symbol to search for) or ids.", path: ["q"] });
