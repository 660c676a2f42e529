import "server-only";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { getCredentials, getSession, readSession } from "@/lib/session";
import { notSignedIn } from "../http/api-error";

/** The signed-in account's credentials, or a 401 for the route to answer. */
export async function requireCredentials(): Promise<EtoroCredentials> {
  const credentials = await getCredentials();
  if (!credentials) throw notSignedIn();
  return credentials;
}

/** When this session last changed its portfolios, for listPortfolios({ changedAfter }). */
export async function listChangedAt(): Promise<number | undefined> {
  return (await readSession()).listChangedAt;
}

/**
 * Records in the session cookie that its portfolios just changed, so whichever
 * instance serves the next read reloads the list. Only for a signed-in session.
 */
export async function markListChanged(): Promise<void> {
  const session = await getSession();
  if (!session.userKey) return;
  session.listChangedAt = Date.now();
  await session.save();
}
