import { answerDecision } from "@/lib/bff/guards/approval-decision";
import { route } from "@/lib/bff/http/route";
import { approveSchema } from "@/lib/schemas/approval";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ approvalId: string }> };

/** Approves a held order: the agent's retry with this approval id then goes through, once. */
export const POST = route<Ctx>(async (req, { params }) => answerDecision(req, (await params).approvalId, "approve", approveSchema), { mutation: true });
