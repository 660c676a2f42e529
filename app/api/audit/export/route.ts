import type { NextRequest } from "next/server";
import { auditCsvStream } from "@/lib/bff/read-models/audit-csv";
import { auditQuery, ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";
import { eachEvent, listEvents } from "@/lib/ledger/queries";

export const dynamic = "force-dynamic";

/** The filtered ledger as a CSV download, streamed (every matching event, newest first). */
export const GET = route(async (req: NextRequest) => {
  const account = (await requireSession()).account;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { cursor, limit, ...filter } = auditQuery(req);
  // Read the first row before answering 200: a ledger that is down becomes a 503 here, not a broken download.
  const db = await ledgerRead(async (db) => {
    await listEvents(db, account, { ...filter, limit: 1 });
    return db;
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(auditCsvStream(eachEvent(db, account, filter)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
      "Cache-Control": "no-store, max-age=0",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
