import "server-only";
import { notSignedIn } from "@/lib/bff/http/api-error";
import { getSignedIn, type SignedIn } from "@/lib/session";

/** The signed-in person with their session id, or a 401 for the route to answer. */
export async function requireSignedIn(): Promise<SignedIn> {
  const signedIn = await getSignedIn();
  if (!signedIn) throw notSignedIn();
  return signedIn;
}
