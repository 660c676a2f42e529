import { z } from "./zod";
import { CONFIRM_DELETE_ALL, CONFIRM_REVOKE_ALL } from "@/lib/domain/confirm-phrases";
import { JOB_KINDS } from "@/lib/jobs/types";
import { idSchema } from "./id";

/** What must be typed to confirm the two "everything" jobs, checked server-side too. */
export { CONFIRM_DELETE_ALL, CONFIRM_REVOKE_ALL };

/** 10,000 tokens (1,000 portfolios × 10) at most per request. */
const MAX_TARGETS = 10_000;

/**
 * POST /api/jobs. Exactly one of `tokenIds`, `portfolioIds` (delete-portfolio) or
 * `all`. `dryRun` answers the plan (calls, ETA) without creating anything.
 */
export const jobRequestSchema = z
  .object({
    kind: z.enum(JOB_KINDS, { message: `kind must be ${JOB_KINDS.slice(0, -1).join(", ")} or ${JOB_KINDS.at(-1)}.` }),
    tokenIds: z.array(idSchema).min(1, "Select at least one token.").max(MAX_TARGETS).optional(),
    portfolioIds: z.array(idSchema).min(1, "Select at least one portfolio.").max(MAX_TARGETS).optional(),
    all: z.literal(true).optional(),
    confirm: z.string().max(50).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const given = [v.tokenIds, v.portfolioIds, v.all].filter((x) => x !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: "custom", path: ["tokenIds"], message: "Send exactly one of tokenIds, portfolioIds or all." });
      return;
    }
    if (v.portfolioIds && v.kind !== "delete-portfolio") ctx.addIssue({ code: "custom", path: ["portfolioIds"], message: "portfolioIds is for delete-portfolio only." });
    if (v.tokenIds && v.kind === "delete-portfolio") ctx.addIssue({ code: "custom", path: ["tokenIds"], message: "delete-portfolio takes portfolioIds." });
    if (v.all && !v.dryRun) {
      const phrase = v.kind === "revoke" ? CONFIRM_REVOKE_ALL : v.kind === "delete-portfolio" ? CONFIRM_DELETE_ALL : null;
      if (phrase && v.confirm !== phrase) ctx.addIssue({ code: "custom", path: ["confirm"], message: `Type ${phrase} to confirm.` });
    }
  });
export type JobRequest = z.output<typeof jobRequestSchema>;
export type JobRequestInput = z.input<typeof jobRequestSchema>;

/** Cancel and Retry carry no fields, but are JSON like every mutation. */
export const jobActionSchema = z.object({}).strict();
