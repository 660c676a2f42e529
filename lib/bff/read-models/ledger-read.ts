import "server-only";
import type { NextRequest } from "next/server";
import { getLedgerDb } from "@/lib/db/process-db";
import type { LedgerDb } from "@/lib/db/open";
import { LedgerQueryError, type ListEventsOptions } from "@/lib/ledger/queries";
import { auditFilterSchema, auditPageSchema, auditQueryObject } from "@/lib/schemas/audit";
import { ApiError } from "../http/api-error";
import { validationError } from "../http/read-json";

/**
 * Runs a read of the ledger for a route: bad paging input is a 400 that says so, a
 * database that cannot answer a 503 (the person can retry), never a 500 with detail.
 */
export async function ledgerRead<T>(read: (db: LedgerDb) => Promise<T>): Promise<T> {
  let db: LedgerDb;
  try {
    db = await getLedgerDb();
  } catch (e) {
    console.error(`[ledger] open failed: ${e instanceof Error ? e.name : typeof e}`);
    throw unavailable();
  }
  try {
    return await read(db);
  } catch (e) {
    if (e instanceof LedgerQueryError) throw new ApiError(400, "ValidationFailed", `${e.message}.`);
    if (e instanceof ApiError) throw e;
    console.error(`[ledger] read failed: ${e instanceof Error ? e.name : typeof e}`);
    throw unavailable();
  }
}

const unavailable = () =>
  new ApiError(503, "LedgerUnavailable", "The audit ledger cannot be read right now. Try again in a moment.", { retryAfterSeconds: 5 });

/** The audit filters (and paging) of a request's query string, as listEvents options. */
export function auditQuery(req: NextRequest): ListEventsOptions {
  const raw = auditQueryObject(req.nextUrl.searchParams);
  const filter = auditFilterSchema.safeParse(raw);
  if (!filter.success) throw validationError(filter.error);
  const page = auditPageSchema.safeParse(raw);
  if (!page.success) throw validationError(page.error);
  return { ...filter.data, ...page.data };
}
