import type { NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError } from "./api-error";

const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body and validates it; every way it can be wrong is a 4xx that names the problem. */
export async function readJson<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, "UnsupportedMediaType", "Send the request body as JSON (Content-Type: application/json).");
  }
  // Refuse an announced oversize body before reading it; then cap what is actually read.
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const text = await readCapped(req, maxBytes);
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

const tooLarge = () => new ApiError(413, "PayloadTooLarge", "The request body is too large.");

async function readCapped(req: NextRequest, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A 400 naming each field. A check may carry its own error code (zod issue
 * `params.errorCode`, e.g. RiskNotAcknowledged), answered instead of ValidationFailed.
 */
export function validationError(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    fields[key] ??= issue.message;
    // A nested field is named in full too ("boundaries.maxOrderUsdCents"), so a form can put the message on it.
    if (issue.path.length > 1) fields[issue.path.map(String).join(".")] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first?.path.length ? `${String(first.path[0])}: ` : "";
  const params = first?.code === "custom" ? (first.params as { errorCode?: unknown } | undefined) : undefined;
  const code = typeof params?.errorCode === "string" ? params.errorCode : "ValidationFailed";
  return new ApiError(400, code, `${where}${first?.message ?? "Invalid input."}`, { fields });
}
