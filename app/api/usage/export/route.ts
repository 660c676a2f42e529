import type { NextRequest } from "next/server";
import { ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { usageCsvStream, usagePage } from "@/lib/bff/read-models/usage-csv";
import { route } from "@/lib/bff/http/route";
import { requireSession } from "@/lib/session";
import { parseUsageExport } from "@/lib/schemas/usage-export";

export const dynamic = "force-dynamic";

/** The account's gateway calls as a CSV download, filtered by token, portfolio and time, streamed newest first. */
export const GET = route(async (req: NextRequest) => {
  const account = (await requireSession()).account;
  const filter = parseUsageExport(req.nextUrl.searchParams);
  // Read the first row before answering 200: a database that is down becomes a 503 here, not a broken download.
  const db = await ledgerRead(async (db) => {
    await usagePage(db, account, filter, null, 1);
    return db;
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(usageCsvStream(db, account, filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="usage-${stamp}.csv"`,
      "Cache-Control": "no-store, max-age=0",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
