import type { ResponseOf } from "@/lib/bff/contract";
import { ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";
import { chainStatus } from "@/lib/ledger/chain-status";

export const dynamic = "force-dynamic";

/**
 * Whether the ledger's hash chain verifies. The chain is shared by every account,
 * so the answer says only verified or broken — no counts, no other account's rows.
 */
export const GET = route(async () => {
  await requireSession();
  return json<ResponseOf<"GET /api/audit/chain">>(await ledgerRead((db) => chainStatus(db)));
});
