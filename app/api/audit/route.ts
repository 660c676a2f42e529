import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { auditQuery, ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { json } from "@/lib/bff/http/respond";
import { requireCredentials } from "@/lib/bff/guards/require-credentials";
import { route } from "@/lib/bff/http/route";
import { listEvents } from "@/lib/ledger/queries";
import { accountFingerprint } from "@/lib/session";

export const dynamic = "force-dynamic";

/** The signed-in account's ledger, newest first, filtered and keyset-paged (`nextCursor`). */
export const GET = route(async (req: NextRequest) => {
  const account = accountFingerprint(await requireCredentials());
  const options = auditQuery(req);
  return json<ResponseOf<"GET /api/audit">>(await ledgerRead((db) => listEvents(db, account, options)));
});
