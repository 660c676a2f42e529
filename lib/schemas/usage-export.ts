/**
 * GET /api/usage/export's query string: which token or portfolio, and the time
 * range. A bad value, an unknown parameter or one given twice is a 400 naming it.
 */
import { z } from "./zod";
import { instant } from "./audit";
import { idSchema } from "./id";
import { parseQueryString } from "./query-string";

export const usageExportSchema = z
  .object({
    tokenId: idSchema.optional(),
    portfolioId: idSchema.optional(),
    from: instant,
    to: instant,
  })
  .strict()
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), {
    message: "The start of the time range is after its end.",
    path: ["from"],
  });

export type UsageExportFilter = z.output<typeof usageExportSchema>;

export function parseUsageExport(params: URLSearchParams): UsageExportFilter {
  return parseQueryString(params, usageExportSchema);
}
