import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { auditQuery, ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";
import { listEvents } from "@/lib/ledger/queries";

export const dynamic = "force-dynamic";

/** The signed-in account's ledger, newest first, filtered and keyset-paged (`nextCursor`). */
export const GET = route(async (req: NextRequest) => {
  const account = (await requireSession()).account;
  const options = auditQuery(req);
  return json<ResponseOf<"GET /api/audit">>(await ledgerRead((db) => listEvents(db, account, options)));
});
