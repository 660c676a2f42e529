import type { MintedTokenView } from "@/lib/domain/types";

/**
 * A minted token as the copy-once dialog shows it: with the server's warning
 * when the gateway could not record it (its calls through the gateway would be
 * refused until it is rolled), which the dialog is the one place to say.
 */
export type RevealedToken = MintedTokenView & { gatewayNotice?: string };

export function revealed(result: { token: MintedTokenView; message?: string }): RevealedToken {
  return result.message ? { ...result.token, gatewayNotice: result.message } : result.token;
}
