import type { NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError } from "./api-error";

const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body and validates it; every way it can be wrong is a 4xx that names the problem. */
export async function readJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.output<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, "UnsupportedMediaType", "Send the request body as JSON (Content-Type: application/json).");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiError(413, "PayloadTooLarge", "The request body is too large.");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, "InvalidJson", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function validationError(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first?.path.length ? `${String(first.path[0])}: ` : "";
  return new ApiError(400, "ValidationFailed", `${where}${first?.message ?? "Invalid input."}`, { fields });
}
