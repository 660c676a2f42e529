import "server-only";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { getCredentials } from "@/lib/session";
import { notSignedIn } from "./api-error";

/** The signed-in account's credentials, or a 401 for the route to answer. */
export async function requireCredentials(): Promise<EtoroCredentials> {
  const credentials = await getCredentials();
  if (!credentials) throw notSignedIn();
  return credentials;
}
