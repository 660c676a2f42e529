import { idSchema } from "@/lib/schemas/id";
import { ApiError } from "./api-error";

/** Route ids are UUIDs, as eToro's are: a malformed one is a 400 and costs no upstream call. */
export function parseId(value: string, what: "portfolio" | "token"): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, "ValidationFailed", `That ${what} id is not valid.`);
  return parsed.data;
}
