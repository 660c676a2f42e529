/**
 * A job needs the user key after the tab that started it has closed. It is kept only
 * sealed with the server's secret (iron-session's sealData: AES-256-CBC + HMAC), only
 * in that job's row, and erased when the job ends or is cancelled (see store.ts;
 * the table's check constraint refuses a key on an ended job). The seal also expires
 * on its own after SEAL_TTL_SECONDS, in case a job is abandoned for that long.
 */
import { sealData, unsealData } from "iron-session";
import type { EtoroCredentials } from "@/lib/etoro/http";

export const SEAL_TTL_SECONDS = 24 * 60 * 60;

export function sealCredentials(credentials: EtoroCredentials, secret: string): Promise<string> {
  return sealData({ apiKey: credentials.apiKey, userKey: credentials.userKey }, { password: secret, ttl: SEAL_TTL_SECONDS });
}

/** The credentials, or null when the seal is expired or was made with another secret. */
export async function unsealCredentials(sealed: string, secret: string): Promise<EtoroCredentials | null> {
  try {
    const data = await unsealData<Partial<EtoroCredentials>>(sealed, { password: secret, ttl: SEAL_TTL_SECONDS });
    return typeof data.apiKey === "string" && typeof data.userKey === "string" ? { apiKey: data.apiKey, userKey: data.userKey } : null;
  } catch {
    return null;
  }
}
