import { z } from "./zod";

/**
 * Ids in our routes are GUIDs, as eToro's are; anything else is refused before a
 * call is spent. z.guid, not z.uuid: any 8-4-4-4-12 hex id eToro hands out must work.
 * The one id check: route parameters, request bodies and ledger events all use it.
 */
export const idSchema = z.guid({ message: "Not a valid id." });

export function isId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}
