import { answerDecision } from "@/lib/bff/guards/approval-decision";
import { route } from "@/lib/bff/http/route";
import { denySchema } from "@/lib/schemas/approval";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ approvalId: string }> };

/** Denies a held order with a reason, which the agent's retry is told (403). */
export const POST = route<Ctx>(async (req, { params }) => answerDecision(req, (await params).approvalId, "deny", denySchema), { mutation: true });
