import { ledgerRead } from "@/lib/bff/ledger-read";
import { json } from "@/lib/bff/respond";
import { requireSession } from "@/lib/session";
import { route } from "@/lib/bff/route";
import { chainStatus } from "@/lib/ledger/chain-status";

export const dynamic = "force-dynamic";

/**
 * Whether the ledger's hash chain verifies. The chain is shared by every account,
 * so the answer says only verified or broken — no counts, no other account's rows.
 */
export const GET = route(async () => {
  await requireSession();
  return json(await ledgerRead((db) => chainStatus(db)));
});
