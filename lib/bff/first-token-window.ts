import "server-only";
import { headers } from "next/headers";
import { NextRequest } from "next/server";
import { DEFAULT_SORT, NO_FILTERS, PAGE_ROWS, type TokenPage } from "@/lib/domain/token-table";
import { getCredentials } from "@/lib/session";
import { accountView } from "./account-view";
import { tokenPage } from "./token-rows";

/** How long the page waits for the account's list before sending itself without rows (the browser then asks). */
export const FIRST_WINDOW_WAIT_MS = 300;

/**
 * The first window of /tokens as GET /api/tokens would answer it with no filters,
 * for the page to send with its HTML: the first rows show before any script runs.
 * The same cached account view the route reads, so no extra upstream call. Null
 * when there is no session, the list fails (the browser's own read then shows why)
 * or it takes longer than FIRST_WINDOW_WAIT_MS (a cold list: the browser's read
 * shares the call already under way).
 */
export async function firstTokenWindow(): Promise<TokenPage | null> {
  const credentials = await getCredentials();
  if (!credentials) return null;
  const incoming = await headers();
  const req = new NextRequest(`http://${incoming.get("host") ?? "localhost"}/tokens`, { headers: incoming });
  const read = accountView(req, credentials)
    .then((view) => tokenPage(view, { filters: NO_FILTERS, sort: DEFAULT_SORT, offset: 0, limit: PAGE_ROWS, ids: false }))
    .catch(() => null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FIRST_WINDOW_WAIT_MS)));
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}
