/**
 * Reading a GET route's query string: values arrive as strings, each parameter may be
 * given once, and anything else is refused with its name (a ZodError, which route()
 * answers as a 400 naming the parameter), never guessed at.
 */
import { z } from "zod";

/** A whole number written in the query string, at most `max`. */
export const wholeNumber = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "Use a whole number.")
    .transform(Number)
    .pipe(z.number().max(max, `Use at most ${max.toLocaleString("en-US")}.`));

/** The parameters, each given once, parsed by `schema`. */
export function parseQueryString<S extends z.ZodType>(params: URLSearchParams, schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  const issues: z.core.$ZodIssue[] = [];
  for (const [key, value] of params) {
    if (key in raw) issues.push({ code: "custom", path: [key], message: `${key} is given more than once.`, input: value });
    raw[key] = value;
  }
  if (issues.length) throw new z.ZodError(issues);
  return schema.parse(raw);
}
