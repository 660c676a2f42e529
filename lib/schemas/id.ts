import { z } from "./zod";

/**
 * Ids in our routes are GUIDs, as eToro's are; anything else is refused before a
 * call is spent. z.guid, not z.uuid: any 8-4-4-4-12 hex id eToro hands out must work.
 */
export const idSchema = z.guid({ message: "Not a valid id." });
