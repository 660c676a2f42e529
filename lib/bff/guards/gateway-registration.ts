import "server-only";
/**
 * The BFF's side of the agent gateway's registry (lib/gateway/token-registry.ts):
 * a minted secret is registered (as its lookup key) before the secret is
 * answered, and revocations are marked before eToro is asked (a job's revoke and freeze: lib/jobs/start.ts), so
 * they hold at the gateway at once whatever eToro does next.
 *
 * None of these may cost the person what the route is for. A registration that
 * fails still answers the token with its secret (shown once: losing it would
 * leave a live token nobody can use or see), flagged so the dialog can say the
 * gateway does not know it and to roll it. A mark that fails is logged, and the
 * revocation goes on to eToro as before.
 */
import { getConfig, getGatewayConfig } from "@/lib/config";
import { getLedgerDb } from "@/lib/db/process-db";
import { resolveEgress } from "@/lib/gateway/egress";
import { gatewayStateOf, markPortfoliosRevoked, markRevoked, noteExpiry, registerMinted, setGatewayOnly } from "@/lib/gateway/token-registry";
import type { GatewayState } from "@/lib/domain/gateway-only-edit";
import { createTokenHasher, type TokenHasher } from "@/lib/gateway/token-hash";
import { gatewayTokenSecret } from "@/lib/gateway/token-key";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { ApiError } from "../http/api-error";
import { boundaryFactsOf } from "../read-models/token-boundaries";

export const NOT_ON_GATEWAY_MESSAGE =
  "The token was minted, but the console's gateway could not record it, so calls through the gateway will be refused: roll it once the console is healthy.";

const HASHER_KEY = Symbol.for("agent-portfolio-console.gateway-token-hasher");
type HasherGlobal = typeof globalThis & { [HASHER_KEY]?: TokenHasher };

function hasher(): TokenHasher {
  const store = globalThis as HasherGlobal;
  store[HASHER_KEY] ??= createTokenHasher(gatewayTokenSecret(getGatewayConfig()));
  return store[HASHER_KEY];
}

function logFailure(what: string, error: unknown) {
  // The kind only: a database error's message can carry query parameters.
  console.error(`[gateway] ${what} failed: ${(error as Error)?.name ?? "Error"}`);
}

const GATEWAY_ONLY_UNAVAILABLE = "This console has no gateway egress addresses (GATEWAY_EGRESS_IPS), so it cannot mint gateway-only tokens.";

async function egressWhitelist(): Promise<string[]> {
  return (await resolveEgress({ sandboxMode: getConfig().sandboxMode, egressIps: getGatewayConfig().egressIps })).whitelist;
}

/**
 * The eToro IP whitelist of a gateway-only token: the gateway's egress
 * addresses. Without any (GATEWAY_EGRESS_IPS unset with the real API) such a
 * token could never be used, so it is refused before eToro is asked.
 */
export async function gatewayWhitelist(): Promise<string[]> {
  const whitelist = await egressWhitelist();
  if (whitelist.length === 0) throw new ApiError(400, "GatewayOnlyUnavailable", GATEWAY_ONLY_UNAVAILABLE, {});
  return whitelist;
}

/** Whether gateway-only tokens can be minted here, and if not why: the forms' default follows it. */
export async function gatewayOnlyAvailability(): Promise<{ available: boolean; reason: string | null }> {
  const available = (await egressWhitelist()).length > 0;
  return { available, reason: available ? null : GATEWAY_ONLY_UNAVAILABLE };
}

/** Registers a minted secret; false (logged) when the registry could not take it. */
export async function registerForGateway(
  account: string,
  token: { agentPortfolioId: string; userTokenId: string; userTokenName: string; secret: string },
  request: { gatewayOnly?: boolean; ipsWhitelist: string[]; boundaries?: TokenBoundaries; expiresAt?: string | null },
): Promise<boolean> {
  try {
    await registerMinted(await getLedgerDb(), hasher(), {
      account,
      ...token,
      gatewayOnly: request.gatewayOnly === true,
      // A gateway-only token's own whitelist names the agent, checked at the gateway.
      agentIps: request.gatewayOnly ? request.ipsWhitelist : [],
      boundaries: request.boundaries,
      expiresAt: request.expiresAt ? new Date(request.expiresAt) : null,
    });
    return true;
  } catch (error) {
    logFailure("registering a minted token", error);
    return false;
  }
}

/** The registry's view of a token for an edit; null when it does not know it, or cannot be read (then nothing gateway-only changes). */
export async function gatewayStateFor(tokenId: string): Promise<GatewayState | null> {
  try {
    return await gatewayStateOf(await getLedgerDb(), tokenId);
  } catch (error) {
    logFailure("reading a token's gateway state", error);
    return null;
  }
}

/**
 * A roll's boundaries: the old token's, as the registry holds them (null: it does not
 * know the old token, or could not be read — the new token then starts with none, and
 * the person sees that on the token's row).
 */
export async function carriedBoundaries(account: string, replacesTokenId: string): Promise<TokenBoundaries | null> {
  try {
    return (await boundaryFactsOf(await getLedgerDb(), account, replacesTokenId, Date.now()))?.boundaries ?? null;
  } catch (error) {
    logFailure("reading a rolled token's boundaries", error);
    return null;
  }
}

/**
 * An edit's registry side, after eToro took its side. A failure is answered:
 * eToro's whitelist has changed, and the person must know the gateway's has not.
 */
export async function applyGatewayState(tokenId: string, state: GatewayState): Promise<void> {
  try {
    await setGatewayOnly(await getLedgerDb(), tokenId, state);
  } catch (error) {
    logFailure("changing a token's gateway-only setting", error);
    throw new ApiError(503, "GatewayUnavailable", "eToro took the change, but the console's gateway could not record it: try Save again once the console is healthy.", {});
  }
}

export async function revokeAtGateway(tokenIds: readonly string[]): Promise<void> {
  try {
    await markRevoked(await getLedgerDb(), tokenIds);
  } catch (error) {
    logFailure("marking tokens revoked", error);
  }
}

export async function revokePortfoliosAtGateway(agentPortfolioIds: readonly string[]): Promise<void> {
  try {
    await markPortfoliosRevoked(await getLedgerDb(), agentPortfolioIds);
  } catch (error) {
    logFailure("marking portfolios revoked", error);
  }
}

/** A token's new expiry, for the token.expiring notice; a failure is logged and the edit stands. */
export async function noteExpiryAtGateway(tokenId: string, expiresAt: string | null): Promise<void> {
  try {
    await noteExpiry(await getLedgerDb(), tokenId, expiresAt ? new Date(expiresAt) : null);
  } catch (error) {
    logFailure("noting a token's expiry", error);
  }
}
