/**
 * The audit filters, one schema for the URL query of GET /api/audit, its CSV export
 * and the /audit page's form. Values arrive as strings (query parameters); repeated
 * or comma-separated `action` / `outcome` are both accepted.
 */
import { z } from "./zod";
import { LEDGER_ACTIONS, LEDGER_OUTCOMES } from "@/lib/ledger/actions";

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.string())
    .transform((raw) => raw.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length * 2));

const CONTROL = /\p{Cc}/u;
const text = z
  .string()
  .trim()
  .max(200)
  .refine((v) => !CONTROL.test(v), "Remove control characters (such as NUL or a line break) from this filter.")
  .optional()
  .transform((v) => v || undefined);

/**
 * The instants the ledger can compare against: years 1 to 9999 in UTC. A date-time
 * with a four-digit year can still land outside once its offset is applied (year 0,
 * 0001-01-01T00:00+01:00, 9999-12-31T23:59-14:00); PostgreSQL has no year 0, and
 * JavaScript writes year 10000 as "+010000", which no database reads back.
 */
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");
/** An optional date-time in the range every read can compare against; the usage export's filters use it too. */
export const instant = z.iso
  .datetime({ offset: true, message: "Enter a date and time such as 2026-01-31T12:00:00Z." })
  .refine((v) => {
    const at = Date.parse(v);
    return at >= EARLIEST && at <= LATEST;
  }, "Pick a date between the years 1 and 9999 (UTC).")
  .optional();

export const auditFilterSchema = z
  .object({
    action: list(LEDGER_ACTIONS).optional(),
    outcome: list(LEDGER_OUTCOMES).optional(),
    /** A portfolio id or exact name. */
    portfolio: text,
    /** A token id or exact name. */
    token: text,
    from: instant,
    to: instant,
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), {
    message: "The start of the time range is after its end.",
    path: ["from"],
  });

export type AuditFilter = z.output<typeof auditFilterSchema>;

export const auditPageSchema = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const FILTER_KEYS = ["action", "outcome", "portfolio", "token", "from", "to"] as const;

/** URLSearchParams → the raw object the schemas read (lists for action/outcome). */
export function auditQueryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of [...FILTER_KEYS, "cursor", "limit"]) {
    const values = params.getAll(key);
    if (!values.length) continue;
    out[key] = key === "action" || key === "outcome" ? values : values[values.length - 1];
  }
  return out;
}
