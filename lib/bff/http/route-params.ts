import { isId } from "@/lib/schemas/id";
import { ApiError } from "./api-error";

/** Route ids are GUIDs, as eToro's are: a malformed one is a 400 and costs no upstream call or database query. */
export function parseId(value: string, what: "portfolio" | "token" | "job" | "approval" | "webhook"): string {
  if (!isId(value)) throw new ApiError(400, "ValidationFailed", `That ${what} id is not valid.`);
  return value;
}
