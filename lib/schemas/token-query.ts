/**
 * GET /api/tokens's query string: the /tokens filters, the sort and the window.
 * Values arrive as strings; a parameter given twice, an unknown one or a bad value
 * is refused with its name (400), never guessed at. The browser writes the same
 * names with tokenQueryString (lib/domain/token-table.ts).
 */
import { z } from "zod";
import { DEFAULT_SORT, MAX_PAGE_ROWS, PAGE_ROWS, type Sort, type TokenFilters } from "@/lib/domain/token-table";
import { parseQueryString, wholeNumber } from "./query-string";

const flag = z.enum(["1", "0", "true", "false"], { message: "Use 1 or 0." }).transform((v) => v === "1" || v === "true");

export const tokenQuerySchema = z
  .object({
    q: z.string().max(200, "Search for at most 200 characters.").default(""),
    risk: z.enum(["any", "high", "medium", "low"], { message: "risk must be any, high, medium or low." }).default("any"),
    account: z.enum(["any", "real", "demo"], { message: "account must be any, real or demo." }).default("any"),
    writeOnly: flag.default(false),
    noIpLimit: flag.default(false),
    neverExpires: flag.default(false),
    expiringSoon: flag.default(false),
    expired: flag.default(false),
    unused30d: flag.default(false),
    canBypassGateway: flag.default(false),
    sort: z.enum(["portfolio", "token", "risk", "expiry", "created", "lastUsed"], { message: "sort must be portfolio, token, risk, expiry, created or lastUsed." }).default(DEFAULT_SORT.key),
    dir: z.enum(["asc", "desc"], { message: "dir must be asc or desc." }).optional(),
    offset: wholeNumber(1_000_000).default(0),
    limit: wholeNumber(MAX_PAGE_ROWS).default(PAGE_ROWS),
    /** 1: also send every matching id (for "select all"). */
    ids: flag.default(false),
  })
  .strict();

export type TokenQuery = { filters: TokenFilters; sort: Sort; offset: number; limit: number; ids: boolean };

/** The query string → filters, sort and window; throws the ZodError that route() answers as 400 naming the parameter. */
export function parseTokenQuery(params: URLSearchParams): TokenQuery {
  const v = parseQueryString(params, tokenQuerySchema);
  return {
    filters: {
      query: v.q,
      risk: v.risk,
      account: v.account,
      writeOnly: v.writeOnly,
      noIpLimit: v.noIpLimit,
      neverExpires: v.neverExpires,
      expiringSoon: v.expiringSoon,
      expired: v.expired,
      unused30d: v.unused30d,
      canBypassGateway: v.canBypassGateway,
    },
    // A sort key alone gets that column's natural direction, as a click on its header does.
    sort: { key: v.sort, direction: v.dir ?? (v.sort === "risk" || v.sort === "lastUsed" ? "desc" : "asc") },
    offset: v.offset,
    limit: v.limit,
    ids: v.ids,
  };
}
