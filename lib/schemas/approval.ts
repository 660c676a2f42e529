import { APPROVAL_LIST_FILTERS, DENIAL_REASON_MAX } from "@/lib/approvals/types";
import { z } from "./zod";

/** GET /api/approvals?status=pending|decided|all (default all). */
export const approvalListQuerySchema = z.object({
  status: z.enum(APPROVAL_LIST_FILTERS, { message: "status must be pending, decided or all." }).default("all"),
});

/** POST /api/approvals/:id/approve: an empty JSON object, like every mutation without fields. */
export const approveSchema = z.object({}).strict();

/** POST /api/approvals/:id/deny: the reason, which the agent is told (one form and the handler share it). */
export const denySchema = z
  .object({
    reason: z
      .string({ message: "Say why, in a few words: the agent is told." })
      .trim()
      .min(1, "Say why, in a few words: the agent is told.")
      .max(DENIAL_REASON_MAX, `Keep it under ${DENIAL_REASON_MAX} characters.`),
  })
  .strict();
export type DenyInput = z.input<typeof denySchema>;
