import { idSchema } from "@/lib/schemas/portfolio";
import { ApiError } from "./api-error";

/** A job id from the route: malformed is a 400, never a database error. */
export function parseJobId(value: string): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, "ValidationFailed", "That job id is not valid.");
  return parsed.data;
}

export const jobNotFound = () => new ApiError(404, "NotFound", "No such job in this account.");
