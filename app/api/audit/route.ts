import type { NextRequest } from "next/server";
import { auditQuery, ledgerRead } from "@/lib/bff/ledger-read";
import { json } from "@/lib/bff/respond";
import { requireSession } from "@/lib/session";
import { route } from "@/lib/bff/route";
import { listEvents } from "@/lib/ledger/queries";

export const dynamic = "force-dynamic";

/** The signed-in account's ledger, newest first, filtered and keyset-paged (`nextCursor`). */
export const GET = route(async (req: NextRequest) => {
  const account = (await requireSession()).account;
  const options = auditQuery(req);
  return json(await ledgerRead((db) => listEvents(db, account, options)));
});
