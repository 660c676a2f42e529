import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { instrumentsByIds, searchInstruments } from "@/lib/etoro/instruments";
import { parseQueryString } from "@/lib/schemas/query-string";
import { instrumentQuerySchema } from "@/lib/schemas/instruments";
import { requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

/** Instruments by symbol (`q`), or by id (`ids`, to name chosen ones); cached for the process (lib/etoro/instruments.ts). */
export const GET = route(async (req: NextRequest) => {
  const { credentials } = await requireSession();
  const query = parseQueryString(req.nextUrl.searchParams, instrumentQuerySchema);
  const instruments = query.q !== undefined ? await searchInstruments(credentials, query.q) : await instrumentsByIds(credentials, query.ids ?? []);
  return json<ResponseOf<"GET /api/instruments">>({ instruments });
});
