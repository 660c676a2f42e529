import "server-only";
import { readSessionData, writableSession } from "./current";

/** When this session last changed its portfolios, for listPortfolios({ changedAfter }). */
export async function listChangedAt(): Promise<number | undefined> {
  return (await readSessionData()).listChangedAt;
}

/**
 * Records in the session cookie that its portfolios just changed, so whichever
 * instance serves the next read reloads the list. Only for a signed-in session.
 */
export async function markListChanged(): Promise<void> {
  const session = await writableSession();
  if (!session.userKey) return;
  session.listChangedAt = Date.now();
  await session.save();
}
