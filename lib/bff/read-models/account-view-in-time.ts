import "server-only";
import { headers } from "next/headers";
import { NextRequest } from "next/server";
import { currentSession } from "@/lib/session";
import { accountView, type AccountView } from "./account-view";

/** How long a page waits for the account's list before sending itself without data (the browser then asks). */
export const FIRST_WINDOW_WAIT_MS = 300;

/**
 * What a page sends with its HTML, taken from the same cached account view its BFF
 * routes read (so no extra upstream call): its first rows show before any script
 * runs. Null when there is no session, the list fails (the browser's own read then
 * shows why) or it takes longer than FIRST_WINDOW_WAIT_MS (a cold list: the
 * browser's read shares the call already under way).
 */
export async function fromAccountViewInTime<T>(path: string, pick: (view: AccountView) => T): Promise<T | null> {
  const credentials = (await currentSession())?.credentials;
  if (!credentials) return null;
  const incoming = await headers();
  const req = new NextRequest(`http://${incoming.get("host") ?? "localhost"}${path}`, { headers: incoming });
  const read = accountView(req, credentials)
    .then(pick)
    .catch(() => null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FIRST_WINDOW_WAIT_MS)));
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}
