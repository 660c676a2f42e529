import type { SQL } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";

/** Runs raw SQL and returns its rows: both drivers answer `{ rows }`. */
export async function sqlRows<T>(db: LedgerDb, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
